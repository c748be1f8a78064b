/**
 * LocalResponseNorm as PyTorch: b_c = a_c / (k + alpha / n * sum_{c' in window} a_{c'}^2)^beta,
 * the window running from c - n/2 to c + (n-1)/2 (zeros outside), over the internal channel axis.
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { cleanConfig, one, oneShape } from './util';

export interface LrnConfig {
  size: number;
  alpha: number;
  beta: number;
  k: number;
  channelAxis: number;
  name?: string;
}

export function defineTorchLRN(tf: Tf) {
  class TorchLocalResponseNorm extends tf.layers.Layer {
    static className = 'TorchLocalResponseNorm';
    cfg: LrnConfig;
    constructor(cfg: LrnConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const { size, alpha, beta, k } = this.cfg;
        const ax = this.cfg.channelAxis < 0 ? x.rank + this.cfg.channelAxis : this.cfg.channelAxis;
        const c = x.shape[ax];
        const pads = x.shape.map((_, i) =>
          i === ax ? [Math.floor(size / 2), Math.floor((size - 1) / 2)] : [0, 0],
        ) as [number, number][];
        const sq = tf.pad(tf.square(x), pads);
        let sum: Tensor | null = null;
        for (let j = 0; j < size; j++) {
          const begin = x.shape.map((_, i) => (i === ax ? j : 0));
          const sz = x.shape.map((d, i) => (i === ax ? c : d));
          const part = tf.slice(sq, begin, sz);
          sum = sum ? tf.add(sum, part) : part;
        }
        const div = tf.pow(tf.add(tf.mul(sum as Tensor, alpha / size), k), beta);
        return tf.div(x, div);
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchLocalResponseNorm);
  return TorchLocalResponseNorm;
}
