/** Softmax / LogSoftmax along any internal axis (tfjs has no LogSoftmax layer, and its Softmax layer only takes the last axis). */
import type { Kwargs, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface LogSoftmaxConfig {
  axis: number;
  log: boolean;
  name?: string;
}

export function defineTorchSoftmax(tf: Tf) {
  class TorchSoftmax extends tf.layers.Layer {
    static className = 'TorchSoftmax';
    cfg: LogSoftmaxConfig;
    constructor(cfg: LogSoftmaxConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const logp = tf.sub(x, tf.logSumExp(x, this.cfg.axis, true));
        return this.cfg.log ? logp : tf.exp(logp);
      });
    }
    override getConfig() {
      return { ...super.getConfig(), axis: this.cfg.axis, log: this.cfg.log };
    }
  }
  tf.serialization.registerClass(TorchSoftmax);
  return TorchSoftmax;
}
