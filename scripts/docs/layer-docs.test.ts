/** The docs' layer tables are the registry's: this fails when a kind or a default changed and `npm run docs:layers` was not run. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../app/layers/registry';
import { DOCS, formatTable, layerReference, splice } from './layer-docs';

const root = join(import.meta.dirname, '..', '..');

describe('generated layer docs', () => {
  it.each(DOCS)('%s is up to date (run npm run docs:layers)', (file, make) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(splice(text, make(), file)).toBe(text);
  });

  it('name every kind with its defaults', () => {
    for (const s of LAYERS) {
      expect(layerReference()).toContain(`| \`${s.type}\` |`);
      expect(formatTable()).toContain(`| \`${s.type}\` |`);
    }
    expect(formatTable()).toMatch(
      /\| `Conv2d` \| `in_channels=null` \(inferred\), `out_channels`, `kernel_size`, `stride=1`/,
    );
  });
});
