import { err, ok } from '../../result';
import type { Converter, ParamBinding } from '../../compiler/tfjs/converter';
import { via2d } from '../../compiler/tfjs/convert/oned';
import type { Layer, SymbolicTensor } from '../../compiler/tfjs/tf';
import { dataOnly } from '../../compiler/tfjs/upstream';
import { conv1dPadding, type Conv1dParams } from './spec';

/**
 * Conv1d as a 1 x k Conv2d on the [N, 1, L, C] view (convert/oned.ts): zero padding, then the
 * fused TorchConv2d (groups 1) or the split TorchGroupConv2d. Weight binding 'conv1d': tfjs
 * [1, k, in/groups, out] <-> PyTorch [out, in/groups, k].
 */
export const conv1d: Converter<Conv1dParams> = ({ tf, custom, node, p, inputs, name, fuseRelu }) => {
  const x = inputs[0];
  if (x.rank !== 3) return err(`Conv1d '${node.id}' needs a [C, L] input.`);
  if (p.stride > 1 && p.dilation > 1)
    return err(`Conv1d '${node.id}': tfjs cannot combine stride > 1 with dilation > 1; set one of them to 1.`);
  const [before, after] = conv1dPadding(p);
  const pad =
    before + after > 0
      ? tf.layers.zeroPadding2d({
          padding: [
            [0, 0],
            [before, after],
          ],
          name: `${name}_pad`,
        })
      : null;
  const base = {
    filters: p.out_channels,
    kernelSize: [1, p.kernel_size] as [number, number],
    strides: [1, p.stride] as [number, number],
    dilationRate: [1, p.dilation] as [number, number],
    useBias: p.bias,
    name,
  };
  let layer: Layer;
  if (p.groups === 1)
    layer = new custom.Conv({
      ...base,
      padding: 'valid',
      activation: fuseRelu ? 'relu' : 'linear',
      inputGrad: !dataOnly(x),
    });
  else layer = new custom.GroupConv({ ...base, groups: p.groups });
  const bindings: ParamBinding[] = [{ name: 'weight', kind: 'conv1d', layer, weight: 'kernel', trainable: true }];
  if (p.bias) bindings.push({ name: 'bias', kind: 'same', layer, weight: 'bias', trainable: true });
  const inner = {
    apply: (xs: SymbolicTensor[]) => layer.apply(pad ? (pad.apply(xs[0]) as SymbolicTensor) : xs[0]) as SymbolicTensor,
    bindings,
    fusedRelu: fuseRelu === true && p.groups === 1,
  };
  return ok(via2d(tf, name, inner));
};
