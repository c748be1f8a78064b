import { ok } from '../../../result';
import type { Converter, ParamBinding } from '../converter';
import { fromTorchOrder, toTorchOrder } from '../layout';
import { bool, num } from '../params';
import type { Layer, SymbolicTensor } from '../tf';
import { dataOnly } from '../upstream';

/** Linear: a Dense layer on the last PyTorch dim; weights [out, in] <-> kernel [in, out]. */
export const linear: Converter = ({ tf, custom, p, name, fuseRelu, inputs }) => {
  const useBias = bool(p, 'bias', true);
  const units = num(p, 'out_features', 1);
  // A [N, F] data input without a fused ReLU: skip the input gradient under a tape (custom/datadense.ts).
  const layer: Layer = !fuseRelu && inputs[0].rank === 2 && dataOnly(inputs[0])
    ? new custom.DataLinear({ units, useBias, name })
    : tf.layers.dense({ units, useBias, activation: fuseRelu ? 'relu' : 'linear', name });
  const bindings: ParamBinding[] = [{ name: 'weight', kind: 'linear', layer, weight: 'kernel', trainable: true }];
  if (useBias) bindings.push({ name: 'bias', kind: 'same', layer, weight: 'bias', trainable: true });
  let calls = 0;
  return ok({
    apply: (xs) => {
      const x = xs[0];
      if (x.rank !== 4) return layer.apply(x) as SymbolicTensor;
      const tag = `${name}_${calls++}`;
      const y = layer.apply(toTorchOrder(tf, x, `${tag}_nchw`)) as SymbolicTensor;
      return fromTorchOrder(tf, y, `${tag}_nhwc`);
    },
    bindings,
    fusedRelu: fuseRelu === true,
  });
};
