import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY_FILE, registryKinds, TARGETS_FILE, targetsIndex } from './kinds-index';

const root = join(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(join(root, f), 'utf8');

describe('the kinds index', () => {
  it(`${TARGETS_FILE} is generated from ${REGISTRY_FILE} (run npm run layers:gen)`, () => {
    expect(read(TARGETS_FILE)).toBe(targetsIndex(read(REGISTRY_FILE)));
  });

  it('reads the registry: each LAYERS entry with its folder, in order; an entry without an import line is named', () => {
    const reg = `import { b } from './bee/spec';\nimport { a } from './ay/spec';\nexport const LAYERS: AnyLayerSpec[] = [\n  a,\n  b,\n];\n`;
    expect(registryKinds(reg)).toEqual([
      { name: 'a', folder: 'ay' },
      { name: 'b', folder: 'bee' },
    ]);
    const text = targetsIndex(reg);
    expect(text).toContain(
      "export { targets as a } from './ay/targets';\nexport { targets as b } from './bee/targets';",
    );
    expect(() => registryKinds(reg.replace("import { a } from './ay/spec';\n", ''))).toThrow(/'a' in LAYERS has no/);
  });
});
