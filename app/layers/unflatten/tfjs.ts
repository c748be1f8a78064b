import type { Converter } from '../../compiler/tfjs/converter';
import { fromTorchOrder, toTorchOrder, torchShape } from '../../compiler/tfjs/layout';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';
import { err, ok } from '../../result';
import { unflatten as spec, type UnflattenParams } from './spec';

/** Unflatten: to PyTorch's order (for NHWC), a tfjs Reshape to PyTorch's output shape, back to NHWC when it has 3 dims. */
export const unflatten: Converter<UnflattenParams> = ({ tf, node, p, inputs, name }) => {
  const out = spec.inferShape([torchShape(inputs[0])], p);
  if (!out.ok) return err(`Unflatten '${node.id}': ${out.error}`);
  const reshape = tf.layers.reshape({ targetShape: out.value, name });
  const apply = (xs: SymbolicTensor[]): SymbolicTensor => {
    const x = toTorchOrder(tf, xs[0], `${name}_nchw`);
    return fromTorchOrder(tf, reshape.apply(x) as SymbolicTensor, `${name}_nhwc`);
  };
  return ok({ apply, bindings: [] });
};
