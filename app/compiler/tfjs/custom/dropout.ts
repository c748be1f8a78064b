/**
 * Dropout and Dropout2d as PyTorch: active only when called with `training: true`, survivors
 * scaled by 1 / (1 - p). Dropout2d zeroes whole channels. Masks come from a seeded stream
 * (`seed` + a call counter), so a run with a seed repeats on the same backend.
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { cleanConfig, one, oneShape } from './util';

export interface DropoutConfig {
  rate: number;
  /** Drop whole channels (Dropout2d). */
  spatial: boolean;
  /** Channel axis of the internal tensor (for spatial dropout). */
  channelAxis: number;
  seed?: number;
  name?: string;
}

export function defineTorchDropout(tf: Tf) {
  class TorchDropout extends tf.layers.Layer {
    static className = 'TorchDropout';
    cfg: DropoutConfig;
    calls = 0;
    seed: number;
    constructor(cfg: DropoutConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
      this.seed = cfg.seed ?? Math.floor(Math.random() * 2 ** 31);
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const p = this.cfg.rate;
        if (kwargs.training !== true || p === 0) return tf.clone(x);
        if (p >= 1) return tf.zerosLike(x);
        const ax = this.cfg.channelAxis < 0 ? x.rank + this.cfg.channelAxis : this.cfg.channelAxis;
        const shape = this.cfg.spatial && x.rank > 2 ? x.shape.map((d, i) => (i === 0 || i === ax ? d : 1)) : x.shape;
        this.calls += 1;
        const u = tf.randomUniform(shape, 0, 1, 'float32', (this.seed + this.calls * 7919) % 2147483647);
        const mask = tf.div(tf.cast(tf.greaterEqual(u, p), 'float32'), 1 - p);
        return tf.mul(x, mask);
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchDropout);
  return TorchDropout;
}
