import type { OnnxImport } from '../../importers/kind-import';
import { f32 } from '../../importers/onnx-types';
import { err, ok } from '../../result';

/**
 * InstanceNormalization on [C, H, W] as InstanceNorm2d, as torch.onnx writes nn.InstanceNorm2d:
 * a scale of ones and a bias of zeros (unnamed constants) is PyTorch's default affine=False; a
 * named weight or other values are a learned weight and bias. (On [G, L], inside a Reshape pair, it is torch's GroupNorm: onnx-norm-patterns.ts.)
 */
export const onnxImport: OnnxImport = {
  ops: ['InstanceNormalization'],
  convert({ attrs: a, ins, inShape, constant }) {
    if (inShape.length !== 3) return err('only InstanceNormalization on [N, C, H, W] is imported (InstanceNorm2d)');
    const c = inShape[0];
    const scale = constant(ins[1]);
    const bias = constant(ins[2]);
    if (!scale || !bias || scale.length !== c || bias.length !== c)
      return err(`the scale and bias must be constants of ${c} values`);
    const eps = f32(Number(a.epsilon ?? 1e-5));
    // A parameter keeps its state_dict name (`weight`, `in1.weight`) even at its initial ones.
    const learned = /(^|\.)weight$/.test(ins[1]) || /(^|\.)bias$/.test(ins[2]);
    const plain = !learned && scale.every((v) => v === 1) && bias.every((v) => v === 0);
    if (plain) return ok({ type: 'InstanceNorm2d', params: eps === 1e-5 ? {} : { eps } });
    return ok({
      type: 'InstanceNorm2d',
      params: { ...(eps === 1e-5 ? {} : { eps }), affine: true },
      weights: { weight: [scale, [c]], bias: [bias, [c]] },
    });
  },
};
