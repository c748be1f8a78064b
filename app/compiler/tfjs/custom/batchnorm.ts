/**
 * BatchNorm1d/2d as PyTorch defines them. Weights in the order and with the names of tfjs's
 * BatchNormalization (gamma, beta, moving_mean, moving_variance), so that the saved model.json
 * can be rewritten to a plain `BatchNormalization` for inference. Training mode normalizes with
 * the biased batch variance and updates running_var with the unbiased one, with PyTorch's
 * momentum (new = (1 - m) * old + m * batch; m = null is the cumulative average). With `sync` set
 * (by data-parallel training, for its train-mode steps only) the batch statistics are those of all
 * replicas' shards together, as SyncBatchNorm (batchnorm-sync.ts). The training step is one
 * fused op forward and one backward (batchnorm-fused.ts); eval mode is the formula as written.
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import type { BatchNormSync } from './batchnorm-sync';
import { batchNormTrain, fusedBatchNorm } from './batchnorm-fused';
import { cleanConfig, one, oneShape } from './util';

export interface BatchNormConfig {
  /** Channel axis of the internal tensor (including the batch). */
  axis: number;
  eps: number;
  momentum: number | null;
  affine: boolean;
  trackRunningStats: boolean;
  name?: string;
}

export function defineTorchBatchNorm(tf: Tf) {
  class TorchBatchNorm extends tf.layers.Layer {
    static className = 'TorchBatchNorm';
    cfg: BatchNormConfig;
    gamma: LayerVariable | null = null;
    beta: LayerVariable | null = null;
    movingMean: LayerVariable | null = null;
    movingVar: LayerVariable | null = null;
    /** PyTorch's num_batches_tracked buffer. */
    numBatchesTracked = 0;
    /** The data-parallel replicas' exchange during a train-mode step; null otherwise. */
    sync: BatchNormSync | null = null;
    constructor(cfg: BatchNormConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const s = oneShape(shape);
      const c = s[this.cfg.axis < 0 ? s.length + this.cfg.axis : this.cfg.axis] as number;
      if (this.cfg.affine) {
        this.gamma = this.addWeight('gamma', [c], 'float32', tf.initializers.ones());
        this.beta = this.addWeight('beta', [c], 'float32', tf.initializers.zeros());
      }
      if (this.cfg.trackRunningStats) {
        this.movingMean = this.addWeight('moving_mean', [c], 'float32', tf.initializers.zeros(), undefined, false);
        this.movingVar = this.addWeight('moving_variance', [c], 'float32', tf.initializers.ones(), undefined, false);
      }
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    private bshape(rank: number, c: number): number[] {
      const axis = this.cfg.axis < 0 ? rank + this.cfg.axis : this.cfg.axis;
      return Array.from({ length: rank }, (_, i) => (i === axis ? c : 1));
    }
    override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const rank = x.rank;
        const axis = this.cfg.axis < 0 ? rank + this.cfg.axis : this.cfg.axis;
        const c = x.shape[axis];
        const bs = this.bshape(rank, c);
        const useBatch = kwargs.training === true || !this.cfg.trackRunningStats;
        let mean: Tensor;
        let variance: Tensor;
        if (useBatch && kwargs.training === true && (this.sync || fusedBatchNorm())) {
          const track = this.cfg.trackRunningStats && this.movingMean && this.movingVar;
          return batchNormTrain(
            tf,
            x,
            axis,
            this.cfg.eps,
            this.gamma?.read() ?? null,
            this.beta?.read() ?? null,
            this.sync,
            track ? (mean, variance, count) => this.updateRunning(mean, variance, count) : null,
          );
        }
        if (useBatch) {
          const axes = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis);
          const m = tf.moments(x, axes, true);
          mean = m.mean;
          variance = m.variance;
          if (kwargs.training === true && this.cfg.trackRunningStats && this.movingMean && this.movingVar) {
            this.updateRunning(tf.reshape(mean, [c]), tf.reshape(variance, [c]), x.size / c);
          }
        } else {
          mean = tf.reshape((this.movingMean as LayerVariable).read(), bs);
          variance = tf.reshape((this.movingVar as LayerVariable).read(), bs);
        }
        let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.cfg.eps)));
        if (this.gamma && this.beta)
          y = tf.add(tf.mul(y, tf.reshape(this.gamma.read(), bs)), tf.reshape(this.beta.read(), bs));
        return y;
      });
    }
    private updateRunning(mean: Tensor, biasedVar: Tensor, n: number): void {
      this.numBatchesTracked += 1;
      const m = this.cfg.momentum ?? 1 / this.numBatchesTracked;
      const unbiased = tf.mul(biasedVar, n > 1 ? n / (n - 1) : 1);
      const mm = this.movingMean as LayerVariable;
      const mv = this.movingVar as LayerVariable;
      const newMean = tf.keep(tf.add(tf.mul(mm.read(), 1 - m), tf.mul(mean, m)));
      const newVar = tf.keep(tf.add(tf.mul(mv.read(), 1 - m), tf.mul(unbiased, m)));
      mm.write(newMean);
      mv.write(newVar);
      tf.dispose([newMean, newVar]);
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchBatchNorm);
  return TorchBatchNorm;
}
