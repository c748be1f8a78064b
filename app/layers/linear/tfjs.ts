import { ok } from '../../result';
import type { Converter, ParamBinding } from '../../compiler/tfjs/converter';
import { fromTorchOrder, toTorchOrder } from '../../compiler/tfjs/layout';
import type { LinearParams } from './spec';
import type { Layer, SymbolicTensor } from '../../compiler/tfjs/tf';
import { dataOnly } from '../../compiler/tfjs/upstream';

/** Linear: a Dense layer on the last PyTorch dim; weights [out, in] <-> kernel [in, out]. */
export const linear: Converter<LinearParams> = ({ tf, custom, p, name, fuseRelu, inputs }) => {
  const useBias = p.bias;
  const units = p.out_features;
  // Product, bias and ReLU in one kernel with its own gradient; no input gradient on the data (custom/dense.ts).
  const layer: Layer = new custom.Linear({
    units,
    useBias,
    activation: fuseRelu ? 'relu' : 'linear',
    inputGrad: !dataOnly(inputs[0]),
    name,
  });
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
