/**
 * ELU with any alpha (tfjs's ELU layer only takes alpha = 1): x > 0 ? x : alpha * (exp(x) - 1),
 * written as relu(x) + alpha * (exp(min(x, 0)) - 1) so that it differentiates with respect to x
 * (a `where` on `greater` has no gradient in tfjs). The gradient is PyTorch's: 1 for x > 0,
 * alpha * exp(x) for x <= 0.
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface EluConfig {
  alpha: number;
  name?: string;
}

export function defineTorchELU(tf: Tf) {
  class TorchELU extends tf.layers.Layer {
    static className = 'TorchELU';
    cfg: EluConfig;
    constructor(cfg: EluConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        return tf.add(tf.relu(x), tf.mul(tf.sub(tf.exp(tf.minimum(x, 0)), 1), this.cfg.alpha));
      });
    }
    override getConfig() {
      return { ...super.getConfig(), alpha: this.cfg.alpha };
    }
  }
  tf.serialization.registerClass(TorchELU);
  return TorchELU;
}
