/**
 * nn.LayerNorm over the trailing PyTorch dims `normalizedShape`, with weight and bias of that shape
 * as PyTorch stores them. A [C, H, W] sample runs as NHWC (layout.ts): its trailing torch dims W,
 * (H, W) or (C, H, W) are the internal axes [2], [1, 2] or [1, 2, 3], and a [C, H, W] weight is
 * transposed to [H, W, C] for the product. Biased variance, the same in train and eval mode.
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface LayerNormConfig {
  normalizedShape: number[];
  eps: number;
  affine: boolean;
  name?: string;
}

/** The internal axes normalized for an internal tensor of `rank` dims (with the batch). */
export function layerNormAxes(rank: number, k: number): number[] {
  if (rank === 4) return [[2], [1, 2], [1, 2, 3]][k - 1];
  return Array.from({ length: k }, (_, i) => rank - k + i);
}

export function defineTorchLayerNorm(tf: Tf) {
  class TorchLayerNorm extends tf.layers.Layer {
    static className = 'TorchLayerNorm';
    cfg: LayerNormConfig;
    weight: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    constructor(cfg: LayerNormConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg, normalizedShape: [...cfg.normalizedShape] };
    }
    override build(_shape: (number | null)[] | (number | null)[][]): void {
      if (this.cfg.affine) {
        const s = this.cfg.normalizedShape;
        this.weight = this.addWeight('weight', s, 'float32', tf.initializers.ones());
        this.bias = this.addWeight('bias', s, 'float32', tf.initializers.zeros());
      }
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    /** A [k trailing torch dims] tensor shaped to broadcast against the internal input. */
    private affineShape(t: Tensor, rank: number): Tensor {
      const k = this.cfg.normalizedShape.length;
      if (rank !== 4) return t;
      if (k === 3) return tf.transpose(t, [1, 2, 0]);
      if (k === 2) return tf.reshape(t, [...t.shape, 1]);
      return tf.reshape(t, [t.shape[0], 1]);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const axes = layerNormAxes(x.rank, this.cfg.normalizedShape.length);
        const { mean, variance } = tf.moments(x, axes, true);
        let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.cfg.eps)));
        if (this.weight && this.bias)
          y = tf.add(
            tf.mul(y, this.affineShape(this.weight.read(), x.rank)),
            this.affineShape(this.bias.read(), x.rank),
          );
        return y;
      });
    }
    override getConfig() {
      const { normalizedShape, eps, affine } = this.cfg;
      return { ...super.getConfig(), normalizedShape, eps, affine };
    }
  }
  tf.serialization.registerClass(TorchLayerNorm);
  return TorchLayerNorm;
}
