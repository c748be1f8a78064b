import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from './index';
import { allSamples } from '../../../app/data/samples';

const root = mkdtempSync(join(tmpdir(), 'netloom-folder-'));

/** A w x h RGB image of one colour, written in the format of the file's extension. */
async function solid(path: string, rgb: [number, number, number], w = 4, h = 4): Promise<void> {
  const data = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(rgb, i * 3);
  const img = sharp(data, { raw: { width: w, height: h, channels: 3 } });
  const ext = path.split('.').pop();
  const out = ext === 'png' ? img.png() : ext === 'webp' ? img.webp({ lossless: true }) : img.jpeg({ quality: 100 });
  writeFileSync(path, await out.toBuffer());
}

beforeAll(async () => {
  for (const c of ['red', 'blue']) mkdirSync(join(root, 'ok', c), { recursive: true });
  await solid(join(root, 'ok', 'red', 'a.png'), [255, 0, 0]);
  await solid(join(root, 'ok', 'red', 'b.webp'), [255, 0, 0], 8, 6);
  await solid(join(root, 'ok', 'blue', 'c.jpg'), [0, 0, 255]);
  writeFileSync(join(root, 'ok', 'blue', 'notes.txt'), 'not an image, ignored');
});

describe('image folders', () => {
  it('decodes PNG, WebP and JPEG into RGB [3, H, W], classes sorted, non-images ignored', async () => {
    const seen: number[] = [];
    const r = await loadSource(
      { name: 'folder', path: join(root, 'ok'), shape: [3, 4, 4] },
      { onProgress: (p) => seen.push(p.done) },
    );
    if (!r.ok) throw new Error(r.error);
    const d = r.value.train;
    expect(d.classes).toEqual(['blue', 'red']);
    expect(d.n).toBe(3);
    expect(Array.from(d.y)).toEqual([0, 1, 1]);
    expect(d.x).toBeInstanceOf(Uint8Array);
    const values = allSamples(d);
    const px = (s: number, c: number) => values[s * 48 + c * 16 + 5];
    expect([px(1, 0), px(1, 1), px(1, 2)]).toEqual([1, 0, 0]);
    expect([px(2, 0), px(2, 1), px(2, 2)]).toEqual([1, 0, 0]);
    expect(px(0, 2)).toBeGreaterThan(0.95);
    expect(px(0, 0)).toBeLessThan(0.05);
    expect(seen.at(-1)).toBe(3);
  });
  it('resizes and converts to grayscale for a [1, H, W] network', async () => {
    const r = await loadSource({ name: 'folder', path: join(root, 'ok'), shape: [1, 2, 3] });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.train.shape).toEqual([1, 2, 3]);
    expect(r.value.train.x.length).toBe(3 * 6);
    const values = allSamples(r.value.train);
    // pure red as PIL's convert('L'): round(255 * 0.299) = 76
    expect(values[6]).toBe(Math.fround(76 / 255));
    // pure blue (JPEG, so approximately): round(255 * 0.114) = 29
    expect(Math.abs(values[0] * 255 - 29)).toBeLessThan(3);
  });
  it('takes the first image size when no shape is given; train/ and test/ become the splits', async () => {
    for (const s of ['train', 'test'])
      for (const c of ['x', 'y']) mkdirSync(join(root, 'split', s, c), { recursive: true });
    for (const s of ['train', 'test']) {
      await solid(join(root, 'split', s, 'x', '1.png'), [10, 10, 10], 5, 3);
      await solid(join(root, 'split', s, 'y', '1.png'), [200, 200, 200], 5, 3);
    }
    const r = await loadSource({ name: 'folder', path: join(root, 'split') });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.train.shape).toEqual([3, 3, 5]);
    expect(r.value.test?.n).toBe(2);
    expect(r.value.train.classes).toEqual(['x', 'y']);
  });
  it('undecodable images, empty classes, bad shapes and missing folders are clear errors', async () => {
    mkdirSync(join(root, 'bad', 'a'), { recursive: true });
    await solid(join(root, 'bad', 'a', 'good.png'), [1, 2, 3]);
    writeFileSync(join(root, 'bad', 'a', 'broken.png'), 'this is not a png');
    const e1 = await loadSource({ name: 'folder', path: join(root, 'bad'), shape: [3, 4, 4] });
    expect(!e1.ok && e1.error).toMatch(/bad.a.broken\.png: cannot be decoded as an image/);

    mkdirSync(join(root, 'empty', 'a'), { recursive: true });
    mkdirSync(join(root, 'empty', 'b'), { recursive: true });
    await solid(join(root, 'empty', 'a', '1.png'), [1, 2, 3]);
    const e2 = await loadSource({ name: 'folder', path: join(root, 'empty') });
    expect(!e2.ok && e2.error).toMatch(/empty.b: class 'b' has no images/);

    const e3 = await loadSource({ name: 'folder', path: join(root, 'ok'), shape: [2, 4, 4] });
    expect(!e3.ok && e3.error).toMatch(/input shape \[2, 4, 4\] cannot take images/);
    const e4 = await loadSource({ name: 'folder', path: join(root, 'nope') });
    expect(!e4.ok && e4.error).toMatch(/nope: not a folder/);
  });
});
