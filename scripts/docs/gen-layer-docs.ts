/** `npm run docs:layers`: rewrites the generated layer tables of the docs from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS, splice } from './layer-docs';

const root = join(import.meta.dirname, '..', '..');
for (const [file, make] of DOCS) {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = splice(before, make(), file);
  if (after !== before) writeFileSync(path, after);
  console.log(`${file}: ${after === before ? 'up to date' : 'rewritten'}`);
}
