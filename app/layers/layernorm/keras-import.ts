import type { KerasImport, KerasImportContext, KerasValue } from '../../importers/kind-import';
import { f32 } from '../../importers/onnx-types';
import { ok, type Result } from '../../result';

/** gamma/beta in Keras's [H, W, C] order as PyTorch's [C, H, W]. */
function hwcToChw(v: Float32Array, [c, h, w]: number[]): Float32Array {
  const out = new Float32Array(v.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out[k * h * w + y * w + x] = v[(y * w + x) * c + k];
  return out;
}

function layerNorm(
  ctx: KerasImportContext,
  from: KerasValue,
  shape: number[],
  nhwc: boolean,
  order: (v: Float32Array) => Float32Array,
): Result<KerasValue> {
  const c = ctx.config;
  const scale = c.scale !== false;
  const center = c.center !== false;
  const eps = f32(Number(c.epsilon ?? 1e-3));
  const params = {
    normalized_shape: shape.length === 1 ? shape[0] : shape,
    eps,
    ...(scale || center ? {} : { elementwise_affine: false }),
  };
  const v = ctx.add('LayerNorm', params, [from], nhwc);
  if (!v.ok || (!scale && !center)) return v;
  const n = shape.reduce((p, q) => p * q, 1);
  const gamma = scale ? ctx.weight('gamma')?.values : new Float32Array(n).fill(1);
  const beta = center ? ctx.weight('beta')?.values : new Float32Array(n);
  const w = ctx.put(v.value.id, 'weight', shape, gamma && order(gamma));
  if (!w.ok) return w;
  const b = ctx.put(v.value.id, 'bias', shape, beta && order(beta));
  return b.ok ? v : b;
}

/**
 * LayerNormalization over trailing axes as LayerNorm. On a channels-last [H, W, C] map, axis -1 (the
 * channels, Keras's usual) is PyTorch's x.permute(0, 2, 3, 1) -> LayerNorm(C) -> x.permute(0, 3, 1, 2),
 * as ConvNeXt writes it; all three axes are LayerNorm([C, H, W]) with gamma reordered. Keras 3's
 * rms_scaling (RMS normalization) is refused.
 */
export const kerasImport: KerasImport = {
  classes: ['LayerNormalization'],
  convert(ctx) {
    const { x, config } = ctx;
    if (config.rms_scaling === true)
      return ctx.fail(
        'rms_scaling=True is RMS normalization (no mean subtracted), which nn.LayerNorm is not and PyTorch 1.13 has no layer for; save the model with rms_scaling=False',
      );
    const rank = x.shape.length + 1;
    const raw = Array.isArray(config.axis) ? (config.axis as number[]) : [Number(config.axis ?? -1)];
    const axes = raw.map((a) => (a < 0 ? a + rank : a)).sort((p, q) => p - q);
    const trailing = axes.length > 0 && axes[0] >= 1 && axes.every((a, i) => a === rank - axes.length + i);
    if (!trailing)
      return ctx.fail(
        `only a LayerNormalization over the last axes is imported, got axis ${JSON.stringify(config.axis)}`,
      );
    if (!x.nhwc || x.shape.length !== 3)
      return layerNorm(ctx, x, x.shape.slice(rank - 1 - axes.length), x.nhwc, (v) => v);
    if (axes.length === 3) return layerNorm(ctx, x, x.shape, true, (v) => hwcToChw(v, x.shape));
    if (axes.length !== 1)
      return ctx.fail('a LayerNormalization over [W, C] of an image is not imported (PyTorch has no such LayerNorm)');
    const last = ctx.add('Permute', { dims: [0, 2, 3, 1] }, [x], false);
    if (!last.ok) return last;
    const n = layerNorm(ctx, last.value, [x.shape[0]], false, (v) => v);
    if (!n.ok) return n;
    const back = ctx.add('Permute', { dims: [0, 3, 1, 2] }, [n.value], true);
    return back.ok ? ok(back.value) : back;
  },
};
