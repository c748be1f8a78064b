/**
 * torch.mean(x, dim, keepdim) over internal axes. Without keepdim a rank-4 (NHWC) input leaves a
 * tensor of rank < 4, which runs in PyTorch's order (layout.ts): the kept axes are put in
 * PyTorch's order (channels before H and W) after the reduction.
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface MeanConfig {
  /** Internal axes (batch = 0), sorted. */
  axes: number[];
  keepDims: boolean;
  name?: string;
}

/** NHWC axes in PyTorch order: C (3), H (1), W (2). */
const TORCH_ORDER = [0, 3, 1, 2];

/** The internal axes that remain, in the order the output must have them. */
function kept(rank: number, cfg: MeanConfig): number[] {
  const left = Array.from({ length: rank }, (_, i) => i).filter((i) => !cfg.axes.includes(i));
  return rank === 4 && !cfg.keepDims ? TORCH_ORDER.filter((i) => left.includes(i)) : left;
}

export function defineTorchMean(tf: Tf) {
  class TorchMean extends tf.layers.Layer {
    static className = 'TorchMean';
    cfg: MeanConfig;
    constructor(cfg: MeanConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg, axes: [...cfg.axes] };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      if (this.cfg.keepDims) return s.map((d, i) => (this.cfg.axes.includes(i) ? 1 : d));
      return kept(s.length, this.cfg).map((i) => s[i]);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const y = tf.mean(x, this.cfg.axes, this.cfg.keepDims);
        if (this.cfg.keepDims || x.rank !== 4) return y;
        // y's axes are the kept internal axes in increasing order; permute them into PyTorch's order.
        const order = kept(4, this.cfg);
        const inc = [...order].sort((p, q) => p - q);
        const perm = order.map((i) => inc.indexOf(i));
        return perm.every((p, i) => p === i) ? y : tf.transpose(y, perm);
      });
    }
    override getConfig() {
      return { ...super.getConfig(), axes: this.cfg.axes, keepDims: this.cfg.keepDims };
    }
  }
  tf.serialization.registerClass(TorchMean);
  return TorchMean;
}
