import { batchNorm } from '../../compiler/onnx/batchnorm';
import { float } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { InstanceNormParams } from './spec';

/**
 * InstanceNormalization (per sample and channel over H, W), as torch.onnx writes nn.InstanceNorm2d,
 * with ones and zeros when affine is off. With track_running_stats eval() normalizes with the
 * running statistics, which is a BatchNormalization.
 */
export const onnx: OnnxConvert<InstanceNormParams> = (c) => {
  const { b, p } = c;
  if (p.track_running_stats) return batchNorm(c);
  const ch = c.inShapes[0][0];
  const w = p.affine ? c.param('weight') : ok(b.floatConst('ones', new Float32Array(ch).fill(1), [ch]));
  if (!w.ok) return w;
  const bias = p.affine ? c.param('bias') : ok(b.floatConst('zeros', new Float32Array(ch), [ch]));
  if (!bias.ok) return bias;
  return ok(b.op('InstanceNormalization', [c.inputs[0], w.value, bias.value], { epsilon: float(p.eps) }));
};
