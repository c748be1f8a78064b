import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../app/protocol';
import { makeHost, tempDir } from './test-host';

// The shell's own channels (training's are exercised by their own tests).
const SHELL = CHANNEL_NAMES.filter((c) => /^(app|window|project|autosave|templates|dialog|workspace)\./.test(c));

describe('dispatch never crashes', () => {
  it('answers any channel name with any arguments with a result value', async () => {
    const host = await makeHost({ kind: 'web', workspace: await tempDir() });
    const channel = fc.oneof(
      fc.constantFrom(...SHELL, 'constructor', '__proto__', 'hasOwnProperty', ''),
      fc.string({ maxLength: 40 }),
    );
    const args = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        {
          path: fc.oneof(fc.string(), fc.constantFrom('../../etc/passwd', '/etc/passwd', 'a\0b', '..', '.')),
          text: fc.string({ maxLength: 50 }),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        { projectKey: fc.string(), name: fc.string(), dir: fc.string(), id: fc.string() },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(channel, args, async (c, a) => {
        const r = await host.call(c, a);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});
