/** Element-wise product of two tensors with broadcasting (dims of size 1), as PyTorch's `a * b`. */
import type { Kwargs, Tensor, Tf } from '../tf';

type S = (number | null)[];

/** The broadcast of two shapes of one rank (sizes of 1 stretch). */
export function broadcastShape(a: S, b: S): S {
  return a.map((d, i) => (d === 1 ? b[i] : d));
}

export function defineTorchMul(tf: Tf) {
  class TorchMul extends tf.layers.Layer {
    static className = 'TorchMul';
    constructor(cfg: { name?: string }) {
      super({ name: cfg.name });
    }
    override computeOutputShape(shape: S | S[]) {
      const [a, b] = shape as S[];
      return broadcastShape(a, b);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      const [a, b] = inputs as Tensor[];
      return tf.mul(a, b);
    }
  }
  tf.serialization.registerClass(TorchMul);
  return TorchMul;
}
