import { err, ok } from '../../result';
import type { Converter, ParamBinding } from '../../compiler/tfjs/converter';
import { torchShape } from '../../compiler/tfjs/layout';
import { pair } from '../fields';
import type { Conv2dParams } from './spec';
import type { Layer, SymbolicTensor } from '../../compiler/tfjs/tf';
import { dataOnly } from '../../compiler/tfjs/upstream';
import { convPadLayer } from '../../compiler/tfjs/custom/conv';

/** Whether TensorFlow's 'same' padding of one axis (size n) is exactly PyTorch's (before, after). */
export function sameEquals(n: number, k: number, s: number, d: number, [before, after]: [number, number]): boolean {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + d * (k - 1) + 1 - n, 0);
  const top = Math.floor(total / 2);
  const torchOut = Math.floor((n + before + after - d * (k - 1) - 1) / s) + 1;
  return top === before && total - top === after && out === torchOut;
}

/**
 * Conv2d: 'valid' convolution after an explicit ZeroPadding2D, or with padding 'same' where that
 * is exactly PyTorch's padding for this input; groups as depthwise or split convolution.
 */
export const conv2d: Converter<Conv2dParams> = ({ tf, custom, node, p, inputs, name, fuseRelu }) => {
  const x = inputs[0];
  if (x.rank !== 4) return err(`Conv2d '${node.id}' needs a [C, H, W] input.`);
  const cin = torchShape(x)[0];
  const out = p.out_channels;
  const k = pair(p.kernel_size);
  const s = pair(p.stride);
  const d = pair(p.dilation);
  const groups = p.groups;
  const useBias = p.bias;
  if (p.padding_mode !== 'zeros')
    return err(
      `Conv2d '${node.id}': padding_mode '${String(p.padding_mode)}' is not supported by the tfjs compiler; use 'zeros'.`,
    );
  if ((s[0] > 1 || s[1] > 1) && (d[0] > 1 || d[1] > 1)) {
    return err(`Conv2d '${node.id}': tfjs cannot combine stride > 1 with dilation > 1; set one of them to 1.`);
  }
  let pads: [[number, number], [number, number]];
  if (p.padding === 'same') {
    const tot = [d[0] * (k[0] - 1), d[1] * (k[1] - 1)];
    pads = [
      [Math.floor(tot[0] / 2), tot[0] - Math.floor(tot[0] / 2)],
      [Math.floor(tot[1] / 2), tot[1] - Math.floor(tot[1] / 2)],
    ];
  } else {
    const q = p.padding === 'valid' ? [0, 0] : pair(p.padding);
    pads = [
      [q[0], q[0]],
      [q[1], q[1]],
    ];
  }
  const hw = torchShape(x).slice(1) as number[];
  const folded =
    groups === 1 && pads.flat().some((v) => v > 0) && [0, 1].every((i) => sameEquals(hw[i], k[i], s[i], d[i], pads[i]));
  const padded = !folded && pads.flat().some((v) => v > 0);
  // Before a TorchConv2d the padding layer may pass its input on unpadded in training (custom/conv.ts).
  const padLayer = !padded
    ? null
    : groups === 1
      ? convPadLayer(tf, pads, `${name}_pad`)
      : tf.layers.zeroPadding2d({ padding: pads, name: `${name}_pad` });
  let layer: Layer;
  let kind: ParamBinding['kind'] = 'conv';
  const activation = fuseRelu ? 'relu' : 'linear';
  if (groups === 1) {
    // Convolution, bias and ReLU in one kernel, with its own gradient (dilation included; custom/conv.ts).
    layer = new custom.Conv({
      filters: out,
      kernelSize: k,
      strides: s,
      dilationRate: d,
      padding: folded ? 'same' : 'valid',
      useBias,
      activation,
      inputGrad: !dataOnly(x),
      ...(padLayer ? { foldedPad: pads } : {}),
      name,
    });
  } else if (groups === cin && out % cin === 0) {
    layer = tf.layers.depthwiseConv2d({
      kernelSize: k,
      strides: s,
      dilationRate: d,
      depthMultiplier: out / cin,
      padding: 'valid',
      useBias,
      activation,
      name,
    });
    kind = 'depthwise';
  } else {
    layer = new custom.GroupConv({ filters: out, kernelSize: k, strides: s, dilationRate: d, groups, useBias, name });
  }
  const weight = kind === 'depthwise' ? 'depthwise_kernel' : 'kernel';
  const bindings: ParamBinding[] = [{ name: 'weight', kind, layer, weight, trainable: true }];
  if (useBias) bindings.push({ name: 'bias', kind: 'same', layer, weight: 'bias', trainable: true });
  return ok({
    apply: (xs) => layer.apply(padLayer ? (padLayer.apply(xs[0]) as SymbolicTensor) : xs[0]) as SymbolicTensor,
    bindings,
    fusedRelu: fuseRelu === true && !(layer instanceof custom.GroupConv),
  });
};
