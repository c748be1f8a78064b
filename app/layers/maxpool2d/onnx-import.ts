import type { OnnxImport } from '../../importers/kind-import';
import { onnxPool } from '../../importers/onnx-pool';
import { onnxPool1d } from '../../importers/onnx-pool1d';
import { ok } from '../../result';

/** MaxPool as MaxPool2d, over [C, L] as MaxPool1d; over the whole [H, W] (torch.onnx's AdaptiveMaxPool2d(1)) as that. */
export const onnxImport: OnnxImport = {
  ops: ['MaxPool'],
  convert: (c) => {
    if (c.inShape.length === 2) return onnxPool1d('MaxPool1d', c);
    const { kernel_shape: k, strides: s, pads: p, dilations: d } = c.attrs as Record<string, number[] | undefined>;
    const [h, w] = [c.inShape[1], c.inShape[2]];
    const global =
      c.inShape.length === 3 &&
      k?.[0] === h &&
      k?.[1] === w &&
      (!s || (s[0] === h && s[1] === w) || (h === 1 && w === 1)) &&
      (!p || p.every((v) => v === 0)) &&
      (!d || d.every((v) => v === 1)) &&
      c.declaredType !== 'MaxPool2d';
    return global ? ok({ type: 'AdaptiveMaxPool2d', params: { output_size: 1 } }) : onnxPool('MaxPool2d', c);
  },
};
