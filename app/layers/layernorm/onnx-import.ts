import type { OnnxImport } from '../../importers/kind-import';
import { f32 } from '../../importers/onnx-types';
import { err, ok } from '../../result';

/**
 * LayerNormalization (opset 17; torch.onnx 1.13 writes opset 13's ReduceMean/Sub/Pow/... form,
 * importers/onnx-norm-patterns.ts) over the trailing dims from `axis` as LayerNorm.
 */
export const onnxImport: OnnxImport = {
  ops: ['LayerNormalization'],
  convert({ attrs: a, ins, inShape, constant }) {
    const rank = inShape.length + 1;
    const axis = Number(a.axis ?? -1);
    const start = axis < 0 ? axis + rank : axis;
    if (start < 1 || start >= rank)
      return err('only a LayerNormalization over per-sample dims (axis >= 1) is imported');
    const shape = inShape.slice(start - 1);
    const n = shape.reduce((p, q) => p * q, 1);
    const scale = constant(ins[1]);
    const bias = ins[2] ? constant(ins[2]) : new Float64Array(n);
    if (!scale || !bias || scale.length !== n || bias.length !== n)
      return err(`the scale and bias must be constants of shape [${shape.join(', ')}]`);
    const eps = f32(Number(a.epsilon ?? 1e-5));
    const params = { normalized_shape: shape.length === 1 ? shape[0] : shape, ...(eps === 1e-5 ? {} : { eps }) };
    return ok({ type: 'LayerNorm', params, weights: { weight: [scale, shape], bias: [bias, shape] } });
  },
};
