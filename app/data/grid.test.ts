import { describe, expect, it } from 'vitest';
import { augmentPreview, renderGrid } from './grid';
import type { Dataset } from './types';

describe('sample grids', () => {
  it('lays tiles out with gaps, scales them, shows gray and RGB', () => {
    const gray = Float32Array.from([0, 1, 0.5, 2]);
    const img = renderGrid([gray, gray, gray], [1, 2, 2], 2, 2, 1);
    expect([img.width, img.height]).toEqual([2 * 4 + 3, 2 * 4 + 3]);
    const px = (x: number, y: number) =>
      Array.from(img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    expect(px(0, 0)).toEqual([96, 96, 120, 255]);
    expect(px(1, 1)).toEqual([0, 0, 0, 255]);
    expect(px(3, 2)).toEqual([255, 255, 255, 255]);
    expect(px(1, 3)).toEqual([128, 128, 128, 255]);
    expect(px(4, 4)).toEqual([255, 255, 255, 255]);
    const rgb = renderGrid([Float32Array.from([1, 0, 0.2])], [3, 1, 1], 1, 1, 0);
    expect(Array.from(rgb.rgba)).toEqual([255, 0, 51, 255]);
  });
  it('the preview puts the original first in each row, then variants', () => {
    const ds: Dataset = {
      shape: [1, 2, 2],
      x: Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]),
      y: Int32Array.from([0, 1]),
      n: 2,
      classes: ['a', 'b'],
    };
    const img = augmentPreview(ds, { hflip: 1 }, { samples: 2, variants: 1, scale: 1 });
    expect([img.width, img.height]).toEqual([2 * 2 + 6, 2 * 2 + 6]);
    const first = img.rgba[(2 * img.width + 2) * 4];
    const flipped = img.rgba[(2 * img.width + 6) * 4];
    expect(first + flipped).toBe(255);
  });
});
