/**
 * nn.GroupNorm: the channels split into `groups` groups, each normalized per sample over its
 * channels and positions (biased variance; train and eval alike), then a per-channel weight and
 * bias. NHWC samples ([C, H, W]) group the last axis; other ranks run in PyTorch's order, channels
 * on axis 1 (layout.ts).
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface GroupNormConfig {
  groups: number;
  eps: number;
  affine: boolean;
  name?: string;
}

export function defineTorchGroupNorm(tf: Tf) {
  class TorchGroupNorm extends tf.layers.Layer {
    static className = 'TorchGroupNorm';
    cfg: GroupNormConfig;
    weight: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    constructor(cfg: GroupNormConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const s = oneShape(shape);
      const c = (s.length === 4 ? s[3] : s[1]) as number;
      if (this.cfg.affine) {
        this.weight = this.addWeight('weight', [c], 'float32', tf.initializers.ones());
        this.bias = this.addWeight('bias', [c], 'float32', tf.initializers.zeros());
      }
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const g = this.cfg.groups;
        const nhwc = x.rank === 4;
        const n = x.shape[0] as number;
        const c = (nhwc ? x.shape[3] : x.shape[1]) as number;
        // NHWC: [N, H*W, G, C/G] over axes 1 and 3; PyTorch order: [N, G, C/G * rest] over axis 2.
        const grouped = nhwc ? tf.reshape(x, [n, -1, g, c / g]) : tf.reshape(x, [n, g, -1]);
        const { mean, variance } = tf.moments(grouped, nhwc ? [1, 3] : [2], true);
        const normed = tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, this.cfg.eps)));
        let y = tf.reshape(normed, x.shape);
        if (this.weight && this.bias) {
          const bs = x.shape.map((d, i) => (i === (nhwc ? 3 : 1) ? c : 1));
          y = tf.add(tf.mul(y, tf.reshape(this.weight.read(), bs)), tf.reshape(this.bias.read(), bs));
        }
        return y;
      });
    }
    override getConfig() {
      const { groups, eps, affine } = this.cfg;
      return { ...super.getConfig(), groups, eps, affine };
    }
  }
  tf.serialization.registerClass(TorchGroupNorm);
  return TorchGroupNorm;
}
