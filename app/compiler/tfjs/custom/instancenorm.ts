/**
 * nn.InstanceNorm2d on NHWC: each channel of each sample normalized over H and W (biased
 * variance). With track_running_stats, train mode also updates running_mean and running_var with
 * the batch mean of the per-sample statistics (unbiased variance, PyTorch's momentum), and eval
 * mode normalizes with them; num_batches_tracked exists but PyTorch 1.13 never counts it here.
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { cleanConfig, one, oneShape } from './util';

export interface InstanceNormConfig {
  eps: number;
  momentum: number;
  affine: boolean;
  trackRunningStats: boolean;
  name?: string;
}

export function defineTorchInstanceNorm(tf: Tf) {
  class TorchInstanceNorm extends tf.layers.Layer {
    static className = 'TorchInstanceNorm';
    cfg: InstanceNormConfig;
    weight: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    runningMean: LayerVariable | null = null;
    runningVar: LayerVariable | null = null;
    /** PyTorch's num_batches_tracked buffer (stays 0: instance_norm does not count). */
    numBatchesTracked = 0;
    constructor(cfg: InstanceNormConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const s = oneShape(shape);
      const c = s[s.length - 1] as number;
      if (this.cfg.affine) {
        this.weight = this.addWeight('weight', [c], 'float32', tf.initializers.ones());
        this.bias = this.addWeight('bias', [c], 'float32', tf.initializers.zeros());
      }
      if (this.cfg.trackRunningStats) {
        this.runningMean = this.addWeight('running_mean', [c], 'float32', tf.initializers.zeros(), undefined, false);
        this.runningVar = this.addWeight('running_var', [c], 'float32', tf.initializers.ones(), undefined, false);
      }
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const c = x.shape[3] as number;
        let mean: Tensor;
        let variance: Tensor;
        if (kwargs.training === true || !this.cfg.trackRunningStats) {
          const m = tf.moments(x, [1, 2], true);
          mean = m.mean;
          variance = m.variance;
          if (kwargs.training === true && this.runningMean && this.runningVar)
            this.updateRunning(mean, variance, (x.shape[1] as number) * (x.shape[2] as number));
        } else {
          mean = tf.reshape((this.runningMean as LayerVariable).read(), [1, 1, 1, c]);
          variance = tf.reshape((this.runningVar as LayerVariable).read(), [1, 1, 1, c]);
        }
        let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.cfg.eps)));
        if (this.weight && this.bias)
          y = tf.add(
            tf.mul(y, tf.reshape(this.weight.read(), [1, 1, 1, c])),
            tf.reshape(this.bias.read(), [1, 1, 1, c]),
          );
        return y;
      });
    }
    /** mean, biasedVar: [N, 1, 1, C]; n: positions per instance. */
    private updateRunning(mean: Tensor, biasedVar: Tensor, n: number): void {
      const m = this.cfg.momentum;
      const c = mean.shape[3] as number;
      const bm = tf.reshape(tf.mean(mean, [0, 1, 2]), [c]);
      const bv = tf.reshape(tf.mean(tf.mul(biasedVar, n > 1 ? n / (n - 1) : 1), [0, 1, 2]), [c]);
      const rm = this.runningMean as LayerVariable;
      const rv = this.runningVar as LayerVariable;
      const newMean = tf.keep(tf.add(tf.mul(rm.read(), 1 - m), tf.mul(bm, m)));
      const newVar = tf.keep(tf.add(tf.mul(rv.read(), 1 - m), tf.mul(bv, m)));
      rm.write(newMean);
      rv.write(newVar);
      tf.dispose([newMean, newVar]);
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchInstanceNorm);
  return TorchInstanceNorm;
}
