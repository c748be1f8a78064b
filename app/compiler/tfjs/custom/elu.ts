/** ELU with any alpha (tfjs's ELU layer only takes alpha = 1): x > 0 ? x : alpha * (exp(x) - 1). */
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
        return tf.where(tf.greater(x, 0), x, tf.mul(tf.sub(tf.exp(x), 1), this.cfg.alpha));
      });
    }
    override getConfig() {
      return { ...super.getConfig(), alpha: this.cfg.alpha };
    }
  }
  tf.serialization.registerClass(TorchELU);
  return TorchELU;
}
