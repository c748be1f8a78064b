import { err, ok } from '../../result';
import type { Converter, ParamBinding } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { pair } from '../fields';
import type { ConvTranspose2dParams } from './spec';

/** ConvTranspose2d: the TorchConvTranspose2d layer (custom/convtranspose.ts); its kernel binds in the conv layout. */
export const convTranspose2d: Converter<ConvTranspose2dParams> = ({ custom, node, p, inputs, name }) => {
  if (inputs[0].rank !== 4) return err(`ConvTranspose2d '${node.id}' needs a [C, H, W] input.`);
  const layer = new custom.ConvTranspose({
    filters: p.out_channels,
    kernelSize: pair(p.kernel_size),
    strides: pair(p.stride),
    padding: pair(p.padding),
    outputPadding: pair(p.output_padding),
    dilationRate: pair(p.dilation),
    groups: p.groups,
    useBias: p.bias,
    name,
  });
  const bindings: ParamBinding[] = [{ name: 'weight', kind: 'conv', layer, weight: 'kernel', trainable: true }];
  if (p.bias) bindings.push({ name: 'bias', kind: 'same', layer, weight: 'bias', trainable: true });
  return ok(single(layer, bindings));
};
