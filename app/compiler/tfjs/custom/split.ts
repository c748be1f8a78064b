/**
 * torch.split / torch.chunk as one layer returning several tensors: pieces of the given sizes along
 * one internal axis (layout.ts maps PyTorch's dim). The gradient of each piece flows back into its
 * slice of the input (tf.split's gradient is a concat).
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface SplitConfig {
  /** Internal axis (batch = 0). */
  axis: number;
  /** Size of each piece along the axis, in order. */
  sizes: number[];
  name?: string;
}

export function defineTorchSplit(tf: Tf) {
  class TorchSplit extends tf.layers.Layer {
    static className = 'TorchSplit';
    cfg: SplitConfig;
    constructor(cfg: SplitConfig) {
      super({ name: cfg.name });
      this.cfg = { axis: cfg.axis, sizes: [...cfg.sizes] };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      return this.cfg.sizes.map((n) => s.map((d, i) => (i === this.cfg.axis ? n : d)));
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor[] {
      return tf.split(one(inputs), this.cfg.sizes, this.cfg.axis);
    }
    override getConfig() {
      return { ...super.getConfig(), axis: this.cfg.axis, sizes: this.cfg.sizes };
    }
  }
  tf.serialization.registerClass(TorchSplit);
  return TorchSplit;
}
