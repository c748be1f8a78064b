/**
 * Keras MaxPooling1D/AveragePooling1D (channels_last, a sequence [L, C]) as MaxPool1d/AvgPool1d.
 * TF's 'same' pads floor(total/2) before and the rest after, and an average over 'same' padding
 * counts only real elements: PyTorch's padding (with ceil_mode for the extra one after) and
 * count_include_pad=False.
 */
import { getLayer } from '../layers/registry';
import type { Result } from '../result';
import { tfSamePads } from './keras-pad';
import type { KerasImportContext, KerasValue } from './kind-import';

const one = (v: unknown, d: number): number => (Array.isArray(v) ? Number(v[0]) : typeof v === 'number' ? v : d);

export function kerasPool1d(type: 'MaxPool1d' | 'AvgPool1d', c: KerasImportContext): Result<KerasValue> {
  const { config: cf, x } = c;
  if (!x.nhwc || x.shape.length !== 2 || (cf.data_format && cf.data_format !== 'channels_last'))
    return c.fail('only channels_last pooling of a sequence [L, C] is imported');
  const k = one(cf.pool_size, 2);
  const s = cf.strides === null || cf.strides === undefined ? k : one(cf.strides, k);
  const params: Record<string, unknown> = { kernel_size: k, stride: s };
  if (cf.padding === 'same') {
    const [before, after] = tfSamePads(x.shape[1], k, s);
    params.padding = before;
    if (type === 'AvgPool1d') params.count_include_pad = false;
    if (after !== before) params.ceil_mode = true;
    const spec = getLayer(type);
    const parsed = spec?.schema.safeParse(params);
    const got = parsed?.success ? spec?.inferShape([x.shape], parsed.data) : undefined;
    if (!got?.ok || got.value[1] !== Math.ceil(x.shape[1] / s))
      return c.fail(
        `padding 'same' pads ${before} before and ${after} after: PyTorch's ${type} cannot; use an odd pool_size or padding 'valid'`,
      );
  }
  return c.add(type, params, [x], true);
}
