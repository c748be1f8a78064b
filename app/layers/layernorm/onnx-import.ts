import type { OnnxImport } from '../../importers/kind-import';
import { f32 } from '../../importers/onnx-types';
import { err, ok } from '../../result';

/**
 * LayerNormalization (opset 17; torch.onnx 1.13 writes opset 13's ReduceMean/Sub/Pow/... form,
 * importers/onnx-norm-patterns.ts) over the trailing dims from `axis` (default -1) as
 * LayerNorm(X.shape[axis:], eps=epsilon) (default 1e-5), Scale and B (zeros when left out) as its
 * weight and bias. stash_type (the precision of the statistics) is not read: Netloom computes in float32.
 * The batch axis, Scale or B that are not constants, and the Mean/InvStdDev outputs are refused.
 */
export const onnxImport: OnnxImport = {
  ops: ['LayerNormalization'],
  convert({ attrs: a, ins, inShape, constant, outputCount }) {
    const rank = inShape.length + 1;
    const axis = Number(a.axis ?? -1);
    const start = axis < 0 ? axis + rank : axis;
    const input = `[${['N', ...inShape].join(', ')}]`;
    const fix = `export it with ${rank === 2 ? 'axis -1 (nn.LayerNorm over the last dim)' : `axis -1 to -${rank - 1} (nn.LayerNorm over the last 1 to ${rank - 1} dims)`}`;
    if (start < 0 || start >= rank) return err(`axis ${axis} is not a dim of the input ${input}; ${fix}`);
    if (start === 0)
      return err(`axis ${axis} of an input ${input} normalizes over the batch too, which no nn.LayerNorm does; ${fix}`);
    if (outputCount > 1)
      return err(
        `its Mean and InvStdDev outputs (${outputCount - 1} more output${outputCount > 2 ? 's' : ''}) have no nn.LayerNorm counterpart; export the node with its output Y only`,
      );
    const shape = inShape.slice(start - 1);
    const n = shape.reduce((p, q) => p * q, 1);
    const scale = constant(ins[1]);
    const bias = ins[2] ? constant(ins[2]) : new Float64Array(n);
    if (!scale || !bias || scale.length !== n || bias.length !== n) {
      const ns = shape.length === 1 ? `${shape[0]}` : `[${shape.join(', ')}]`;
      return err(
        `Scale and B must be constants (initializers) of shape [${shape.join(', ')}], the weight and bias of nn.LayerNorm(${ns}); make them initializers of the file`,
      );
    }
    const eps = f32(Number(a.epsilon ?? 1e-5));
    const params = { normalized_shape: shape.length === 1 ? shape[0] : shape, ...(eps === 1e-5 ? {} : { eps }) };
    return ok({ type: 'LayerNorm', params, weights: { weight: [scale, shape], bias: [bias, shape] } });
  },
};
