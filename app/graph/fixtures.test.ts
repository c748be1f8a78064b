import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { CURRENT_VERSION } from './migrate';
import { parseProjectText, serializeProject } from './schema';
import { smallLeNet } from './test-graphs';

/**
 * Issue 8: project files of every format version keep opening. fixtures/vN/ holds files written
 * by format version N; when a version is added, the old fixtures stay and must still open.
 */
const root = join(import.meta.dirname, 'fixtures');
const versions = readdirSync(root).filter((d) => /^v\d+$/.test(d));

describe('fixtures of every format version open', () => {
  it('there is a fixture folder for every version up to the current one', () => {
    for (let v = 1; v <= CURRENT_VERSION; v++) expect(versions).toContain(`v${v}`);
  });
  for (const dir of versions) {
    const files = readdirSync(join(root, dir)).filter((f) => f.endsWith('.netloom.json'));
    it(`${dir} has fixtures`, () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(`${dir}/${file} opens`, () => {
        const text = readFileSync(join(root, dir, file), 'utf8');
        const r = parseProjectText(text, file);
        if (!r.ok) throw new Error(r.error);
        expect(r.value.version).toBe(CURRENT_VERSION);
        expect(r.value.nodes.length).toBeGreaterThan(0);
        // A network that was valid stays valid; files named *errors* keep their network errors (they still open).
        const errors = analyzeGraph(r.value).errors;
        if (file.includes('errors')) expect(errors.length).toBeGreaterThan(0);
        else expect(errors).toEqual([]);
        // Files of the current version are stored in canonical form: saving changes nothing.
        if (dir === `v${CURRENT_VERSION}`) expect(serializeProject(r.value)).toBe(text);
      });
    }
  }
  it('the documented example opens, is canonical, and is the one docs/FORMAT.md shows', () => {
    const text = readFileSync(join(import.meta.dirname, '../../assets/examples/lenet5-small.netloom.json'), 'utf8');
    const r = parseProjectText(text, 'lenet5-small.netloom.json');
    expect(r).toEqual({ ok: true, value: smallLeNet() });
    expect(serializeProject(smallLeNet())).toBe(text);
    const doc = readFileSync(join(import.meta.dirname, '../../docs/FORMAT.md'), 'utf8');
    const block = doc.slice(doc.indexOf('## Example'));
    expect(block.slice(block.indexOf('```json\n') + 8, block.lastIndexOf('```'))).toBe(text);
  });
});
