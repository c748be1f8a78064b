import { describe, expect, it } from 'vitest';
import { encodeIdx as idxBytes, idxToDataset, parseIdx } from './idx';
import { allSamples } from './samples';

describe('parseIdx', () => {
  it('reads dims and data of images and labels', () => {
    const r = parseIdx(idxBytes([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]), 'imgs', 3);
    expect(r.ok && r.value.dims).toEqual([2, 2, 3]);
    expect(r.ok && Array.from(r.value.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
  });
  it('rejects a wrong magic, naming the file and the magic', () => {
    const bytes = idxBytes([1], [3]);
    bytes[2] = 0x0d;
    const r = parseIdx(bytes, 'x/labels.idx');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/x\/labels\.idx.*magic number 0x00000d01/);
  });
  it('rejects images given where labels are expected', () => {
    const r = parseIdx(idxBytes([1, 1, 1], [3]), 'imgs', 1);
    expect(!r.ok && r.error).toMatch(/imgs: IDX magic 0x00000803 says 3 dimension\(s\); expected 0x00000801/);
  });
  it('reports truncated data and headers', () => {
    const full = idxBytes([3, 2, 2], new Array(12).fill(7));
    const r = parseIdx(full.subarray(0, full.length - 5), 'f', 3);
    expect(!r.ok && r.error).toMatch(/f: truncated IDX file.*12 bytes of data but only 7/);
    expect(
      !parseIdx(full.subarray(0, 9), 'f').ok && (parseIdx(full.subarray(0, 9), 'f') as { error: string }).error,
    ).toMatch(/header cut/);
    expect((parseIdx(full.subarray(0, 2), 'f') as { error: string }).error).toMatch(/truncated/);
  });
  it('reports trailing garbage', () => {
    const r = parseIdx(new Uint8Array([...idxBytes([2], [1, 2]), 9, 9]), 'f');
    expect(!r.ok && r.error).toMatch(/2 unexpected bytes/);
  });
});

describe('idxToDataset', () => {
  const imgs = parseIdx(idxBytes([2, 1, 2], [0, 255, 51, 102]), 'i', 3);
  it('scales pixels to [0, 1] and keeps labels', () => {
    const l = parseIdx(idxBytes([2], [1, 0]), 'l', 1);
    if (!imgs.ok || !l.ok) throw new Error('fixture');
    const r = idxToDataset(imgs.value, l.value, ['a', 'b'], 'i', 'l');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.shape).toEqual([1, 1, 2]);
    expect(r.value.x).toBeInstanceOf(Uint8Array);
    expect(Array.from(r.value.x)).toEqual([0, 255, 51, 102]);
    expect(Array.from(allSamples(r.value))).toEqual([0, 1, 0.2, 0.4].map((v) => Math.fround(v)));
    expect(Array.from(r.value.y)).toEqual([1, 0]);
  });
  it('rejects an image/label count mismatch naming both files', () => {
    const l = parseIdx(idxBytes([3], [1, 0, 1]), 'l', 1);
    if (!imgs.ok || !l.ok) throw new Error('fixture');
    const r = idxToDataset(imgs.value, l.value, ['a', 'b'], 'imgs.idx', 'labels.idx');
    expect(!r.ok && r.error).toMatch(/imgs\.idx has 2 images but labels\.idx has 3 labels/);
  });
  it('rejects out-of-range labels', () => {
    const l = parseIdx(idxBytes([2], [1, 7]), 'l', 1);
    if (!imgs.ok || !l.ok) throw new Error('fixture');
    expect((idxToDataset(imgs.value, l.value, ['a', 'b'], 'i', 'lab') as { error: string }).error).toMatch(
      /lab: label 7 at index 1/,
    );
  });
});
