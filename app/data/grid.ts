/**
 * A grid of samples as RGBA pixels (for the augmentation preview and sample thumbnails):
 * grayscale [1, H, W] as gray, [3, H, W] as RGB, values clamped to [0, 1], each sample scaled up by
 * an integer factor, 2-pixel light gaps. Pure: the PNG encoding is the caller's.
 */
import { augmentSample, type AugmentSpec } from './augment';
import { makeRng } from './rng';
import type { Dataset } from './types';
import { rawSample } from './samples';

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row-major. */
  rgba: Uint8Array;
}

export function renderGrid(tiles: Float32Array[], shape: number[], cols: number, scale = 1, gap = 2): RgbaImage {
  const [c, h, w] = shape;
  const rows = Math.max(1, Math.ceil(tiles.length / cols));
  const tw = w * scale;
  const th = h * scale;
  const width = cols * tw + (cols + 1) * gap;
  const height = rows * th + (rows + 1) * gap;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([96, 96, 120, 255], i);
  const plane = h * w;
  const byte = (v: number) => (v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255));
  tiles.forEach((t, k) => {
    const ox = gap + (k % cols) * (tw + gap);
    const oy = gap + Math.floor(k / cols) * (th + gap);
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        const p = Math.floor(y / scale) * w + Math.floor(x / scale);
        const r = byte(t[p]);
        const g = c >= 3 ? byte(t[plane + p]) : r;
        const b = c >= 3 ? byte(t[2 * plane + p]) : r;
        rgba.set([r, g, b, 255], ((oy + y) * width + ox + x) * 4);
      }
    }
  });
  return { width, height, rgba };
}

export interface PreviewOptions {
  /** Rows: how many samples (default 8). */
  samples?: number;
  /** Columns after the original: augmented variants per sample (default 7). */
  variants?: number;
  seed?: number;
  /** Pixel scale (default: 3 for images of 32 px or less, else 1). */
  scale?: number;
}

/**
 * The preview the UI and `netloom data preview` show: one row per sample (chosen by seed), the
 * original in the first column, then augmented variants.
 */
export function augmentPreview(ds: Dataset, spec: AugmentSpec, opts: PreviewOptions = {}): RgbaImage {
  const shape = ds.shape.length === 3 ? ds.shape : [1, 1, ds.shape[0]];
  const size = shape[0] * shape[1] * shape[2];
  const rows = Math.min(opts.samples ?? 8, ds.n);
  const variants = opts.variants ?? 7;
  const rng = makeRng(opts.seed ?? 0);
  const tiles: Float32Array[] = [];
  for (let r = 0; r < rows; r++) {
    const i = rng.int(ds.n);
    const src = rawSample(ds, i);
    tiles.push(src);
    for (let v = 0; v < variants; v++) {
      const out = new Float32Array(size);
      augmentSample(src, out, shape, spec, rng);
      tiles.push(out);
    }
  }
  const scale = opts.scale ?? (Math.max(shape[1], shape[2]) <= 32 ? 3 : 1);
  return renderGrid(tiles, shape, variants + 1, scale);
}
