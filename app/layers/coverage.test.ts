/** Every layer kind x every target: a kind that lacks an entry is named here, not at run time. */
import { describe, expect, it } from 'vitest';
import { TARGET_NAMES } from './kind';
import { LAYERS } from './registry';
import { TARGETS, getTargets } from './targets';

describe('layer coverage', () => {
  it('targets.ts lists exactly the registry kinds, in palette order (npm run layers:gen)', () => {
    expect(TARGETS.map((t) => t.type)).toEqual(LAYERS.map((s) => s.type));
  });

  it('every kind has every target', () => {
    const missing: string[] = [];
    for (const spec of LAYERS) {
      const t = getTargets(spec.type);
      if (!t) {
        missing.push(`${spec.type}: not in app/layers/targets-index.ts (run npm run layers:gen)`);
        continue;
      }
      for (const name of TARGET_NAMES)
        if (typeof t[name] !== (name === 'pytorch' ? 'object' : 'function')) missing.push(`${spec.type}.${name}`);
    }
    expect(missing).toEqual([]);
  });
});
