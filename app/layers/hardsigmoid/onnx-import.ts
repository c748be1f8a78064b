import type { OnnxImport } from '../../importers/kind-import';
import { torchHardSigmoid } from '../../importers/onnx-activations';
import { err, ok } from '../../result';

/** HardSigmoid with PyTorch's alpha 1/6 and beta 0.5 as Hardsigmoid. */
export const onnxImport: OnnxImport = {
  ops: ['HardSigmoid'],
  convert({ attrs: a }) {
    if (torchHardSigmoid(a)) return ok({ type: 'Hardsigmoid', params: {} });
    return err(
      `HardSigmoid(alpha=${String(a.alpha ?? 0.2)}, beta=${String(a.beta ?? 0.5)}) is not PyTorch's Hardsigmoid (alpha 1/6, beta 0.5); Keras's hard_sigmoid (alpha 0.2) has no PyTorch layer`,
    );
  },
};
