/** LogSoftmax along one internal axis (tfjs has no LogSoftmax layer). */
import type { Kwargs, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface LogSoftmaxConfig {
  axis: number;
  name?: string;
}

export function defineTorchLogSoftmax(tf: Tf) {
  class TorchLogSoftmax extends tf.layers.Layer {
    static className = 'TorchLogSoftmax';
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
        return tf.sub(x, tf.logSumExp(x, this.cfg.axis, true));
      });
    }
    override getConfig() {
      return { ...super.getConfig(), axis: this.cfg.axis };
    }
  }
  tf.serialization.registerClass(TorchLogSoftmax);
  return TorchLogSoftmax;
}
