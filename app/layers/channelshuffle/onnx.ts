import { ints } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { ChannelShuffleParams } from './spec';

/**
 * torch.onnx 1.13 cannot export aten::channel_shuffle; this is torchvision's channel_shuffle
 * (shufflenet_v2) as torch.onnx writes it: Reshape [N, g, C/g, ...], Transpose(1, 2), Reshape [N, C, ...].
 */
export const onnx: OnnxConvert<ChannelShuffleParams> = (c) => {
  const { b, p } = c;
  const [ch, ...rest] = c.inShapes[0];
  const g = p.groups;
  const split = b.op('Reshape', [c.inputs[0], b.intConst('shuffle_shape', [0, g, ch / g, ...rest])]);
  const perm = [0, 2, 1, ...rest.map((_, i) => i + 3)];
  const t = b.op('Transpose', [split], { perm: ints(perm) });
  return ok(b.op('Reshape', [t, b.intConst('out_shape', [0, ch, ...rest])]));
};
