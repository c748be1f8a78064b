import { ok } from '../../../result';
import type { Converter, ParamBinding } from '../converter';
import { fromTorchOrder, toTorchOrder } from '../layout';
import { bool, num } from '../params';
import type { SymbolicTensor } from '../tf';

/** Linear: a Dense layer on the last PyTorch dim; weights [out, in] <-> kernel [in, out]. */
export const linear: Converter = ({ tf, p, name, fuseRelu }) => {
  const useBias = bool(p, 'bias', true);
  const layer = tf.layers.dense({ units: num(p, 'out_features', 1), useBias, activation: fuseRelu ? 'relu' : 'linear', name });
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
