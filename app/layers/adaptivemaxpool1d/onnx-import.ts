import type { OnnxImportContext, OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/**
 * The output length of an adaptive max pool over [C, L] as torch.onnx (and Netloom) write it, or
 * undefined: GlobalMaxPool is 1; a MaxPool from torch.onnx or Netloom with kernel_shape = strides =
 * L / out, zero pads and no other attribute is out (nn.MaxPool1d always writes its pads and
 * ceil_mode, and Netloom declares its MaxPool1d).
 */
function outputSize(c: OnnxImportContext): number | undefined {
  if (c.inShape.length !== 2) return undefined;
  if (c.op === 'GlobalMaxPool') return 1;
  if (c.producer !== 'pytorch' && c.producer !== 'netloom') return undefined;
  if (c.declaredType && c.declaredType !== 'AdaptiveMaxPool1d') return undefined;
  const a = c.attrs as Record<string, number[] | undefined>;
  const [k, s, p] = [a.kernel_shape, a.strides, a.pads];
  if (Object.keys(a).some((n) => n !== 'kernel_shape' && n !== 'strides' && n !== 'pads')) return undefined;
  if (!k || !s || k.length !== 1 || s[0] !== k[0] || p?.some((v) => v !== 0)) return undefined;
  const l = c.inShape[1];
  return l % k[0] === 0 ? l / k[0] : undefined;
}

/**
 * GlobalMaxPool over [C, L] and torch.onnx's form of nn.AdaptiveMaxPool1d (a MaxPool with
 * kernel = strides = L / out) as AdaptiveMaxPool1d; MaxPool2d owns both operators and reads the rest.
 */
export const onnxImport: OnnxImport = {
  ops: ['GlobalMaxPool', 'MaxPool'],
  claims: (c) => outputSize(c) !== undefined,
  convert: (c) => ok({ type: 'AdaptiveMaxPool1d', params: { output_size: outputSize(c) ?? 1 } }),
};
