import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { fromTorchOrder, normDim, toTorchOrder, torchShape } from '../../compiler/tfjs/layout';
import type { FlattenParams } from './spec';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';

/** Flatten in PyTorch's order: [C, H, W] is permuted back to NCHW first, so Linear weights match. */
export const flatten: Converter<FlattenParams> = ({ tf, p, name }) => {
  let calls = 0;
  return ok({
    apply: (xs) => {
      const x = xs[0];
      const tag = `${name}${calls++ ? `_${calls}` : ''}`;
      const full = [-1, ...torchShape(x)];
      const start = normDim(p.start_dim, full.length);
      const end = normDim(p.end_dim, full.length);
      const out = [
        ...full.slice(0, start),
        full.slice(start, end + 1).reduce((a, b) => a * b, 1),
        ...full.slice(end + 1),
      ];
      const t = toTorchOrder(tf, x, `${tag}_nchw`);
      if (start === 0) {
        // Flattening the batch into the sample is not a per-sample operation; keep the sample shape.
        return t;
      }
      if (out.length === 2) return tf.layers.flatten({ name: tag }).apply(t) as SymbolicTensor;
      const y = tf.layers.reshape({ targetShape: out.slice(1), name: tag }).apply(t) as SymbolicTensor;
      return fromTorchOrder(tf, y, `${tag}_nhwc`);
    },
    bindings: [],
  });
};
