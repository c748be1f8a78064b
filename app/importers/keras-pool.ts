/**
 * Keras MaxPooling2D/AveragePooling2D (channels_last) as PyTorch's pools. A pending zero padding
 * before an average pool is its padding (count_include_pad) when symmetric and at most half the
 * kernel; TF's 'same' is keras-pad.ts's samePoolParams.
 */
import type { Result } from '../result';
import { samePoolParams } from './keras-pad';
import { pairOf, simple } from './keras-util';
import type { KerasImportContext, KerasValue } from './kind-import';

export function kerasPool(type: 'MaxPool2d' | 'AvgPool2d', c: KerasImportContext): Result<KerasValue> {
  const { config: cf, x } = c;
  if (!x.nhwc || (cf.data_format && cf.data_format !== 'channels_last'))
    return c.fail('only channels_last pooling is imported');
  const k = pairOf(cf.pool_size, 2);
  const s = cf.strides ? pairOf(cf.strides) : k;
  const fold =
    type === 'AvgPool2d' && cf.padding !== 'same' ? c.foldable([Math.floor(k[0] / 2), Math.floor(k[1] / 2)]) : null;
  let input: KerasValue = { ...x, pad: undefined, padded: undefined };
  if (!fold) {
    const m = c.padded(x);
    if (!m.ok) return m;
    input = m.value;
  }
  if (cf.padding === 'same') {
    const params = samePoolParams(type, input.shape, k, s);
    return params.ok ? c.add(type, params.value, [input], true) : c.fail(params.error);
  }
  const params: Record<string, unknown> = { kernel_size: simple(k), stride: simple(s) };
  if (fold && (fold[0] || fold[1])) params.padding = simple(fold);
  return c.add(type, params, [input], true);
}
