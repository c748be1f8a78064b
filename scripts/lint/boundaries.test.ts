/** The boundary rule (scripts/lint/boundaries.js) as `npm run lint` applies it, on fixtures that must fail. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** The repository's eslint.config.js, without the type-aware rules (a fixture is in no tsconfig). */
async function lint(text: string, as: string) {
  const config = (await import(join(repo, 'eslint.config.js') as string)) as { TYPED_RULES: Record<string, unknown> };
  const off = Object.fromEntries(Object.keys(config.TYPED_RULES).map((r) => [r, 'off' as const]));
  const eslint = new ESLint({
    cwd: repo,
    overrideConfig: { rules: off, languageOptions: { parserOptions: { project: null } } },
  });
  const [result] = await eslint.lintText(text, { filePath: join(repo, as) });
  return result.messages.filter((m) => m.ruleId === 'netloom/boundaries').map((m) => `${m.line}: ${m.message}`);
}

describe('netloom/boundaries', () => {
  it('flags deep relative paths from app/ into main/ and renderer/, static, re-exported and dynamic', async () => {
    const found = await lint(fixture('deep-import.ts.txt'), 'app/compiler/tfjs/deep-fixture.ts');
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(
      /^2: '\.\.\/\.\.\/\.\.\/main\/node\/cli\/project-file' resolves to main\/node\/cli\/project-file: app\/ is the pure core/,
    );
    expect(found[1]).toMatch(/^3: .* resolves to renderer\/commands\/registry/);
    expect(found[2]).toMatch(/^4: .* resolves to main\/node\/engine\/start/);
    expect(found[3]).toMatch(/^5: .* resolves to main\/electron\/ipc/);
  });

  it('keeps target code out of the renderer: value imports flagged, type-only and spec imports allowed', async () => {
    const found = await lint(fixture('renderer-target.ts.txt'), 'renderer/panels/target-fixture.ts');
    expect(found.map((m) => m.split(':')[0])).toEqual(['2', '3']);
    expect(found[1]).toMatch(/target code \(app\/layers\/conv2d\/tfjs\)/);
  });

  it("counts a kind's import entries as target code", async () => {
    const found = await lint(
      "import { onnxImport } from '../../app/layers/elu/onnx-import';\nimport { kerasImport } from '../../app/layers/elu/keras-import';\nexport const e = [onnxImport, kerasImport];\n",
      'renderer/panels/import-fixture.ts',
    );
    expect(found.map((m) => m.split(':')[0])).toEqual(['1', '2']);
  });

  it('lets main/ import the core and its targets', async () => {
    expect(
      await lint(
        "import { CONVERTERS } from '../../../app/compiler/tfjs/table';\nexport const c = CONVERTERS;\n",
        'main/node/export/fixture.ts',
      ),
    ).toEqual([]);
  });
});
