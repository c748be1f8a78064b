/**
 * AdaptiveMaxPool2d exactly as PyTorch where the bins are uneven: output row i takes the max of
 * input rows floor(i*H/Ho) to ceil((i+1)*H/Ho), then the same along W (a max over a rectangle is
 * the max of its rows' maxima). Slices, max and concat: differentiable on every backend. Input NHWC.
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { cleanConfig, one, oneShape } from './util';

export interface AdaptiveMaxConfig {
  size: [number, number];
  name?: string;
}

function binsMax(tf: Tf, x: Tensor, axis: 1 | 2, out: number): Tensor {
  const n = x.shape[axis] as number;
  if (n === out) return x;
  const parts: Tensor[] = [];
  for (let i = 0; i < out; i++) {
    const start = Math.floor((i * n) / out);
    const end = Math.ceil(((i + 1) * n) / out);
    const begin = [0, 0, 0, 0];
    const size = [-1, -1, -1, -1];
    begin[axis] = start;
    size[axis] = end - start;
    parts.push(tf.max(tf.slice(x, begin, size), axis, true));
  }
  return parts.length === 1 ? parts[0] : tf.concat(parts, axis);
}

export function defineTorchAdaptiveMax(tf: Tf) {
  class TorchAdaptiveMaxPool2d extends tf.layers.Layer {
    static className = 'TorchAdaptiveMaxPool2d';
    cfg: AdaptiveMaxConfig;
    constructor(cfg: AdaptiveMaxConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      return [s[0], this.cfg.size[0], this.cfg.size[1], s[3]];
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => binsMax(tf, binsMax(tf, one(inputs), 1, this.cfg.size[0]), 2, this.cfg.size[1]));
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchAdaptiveMaxPool2d);
  return TorchAdaptiveMaxPool2d;
}
