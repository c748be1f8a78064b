/**
 * MaxPool2d / AvgPool2d exactly as PyTorch: explicit padding (-inf for max, zeros for avg),
 * ceil_mode, count_include_pad and divisor_override. Input NHWC.
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { cleanConfig, one, oneShape } from './util';

export interface Pool2dConfig {
  mode: 'max' | 'avg';
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
  countIncludePad: boolean;
  divisorOverride: number | null;
  name?: string;
}

/** PyTorch's pooling output size along one axis. */
export function poolOutSize(size: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = size + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= size + p) out--;
  return out;
}

/** Per-output-position divisors of PyTorch's avg_pool2d along one axis: [poolSize, clippedSize]. */
function divisors1d(size: number, out: number, k: number, s: number, p: number): [number[], number[]] {
  const full: number[] = [];
  const clipped: number[] = [];
  for (let o = 0; o < out; o++) {
    let start = o * s - p;
    let end = Math.min(start + k, size + p);
    full.push(end - start);
    start = Math.max(start, 0);
    end = Math.min(end, size);
    clipped.push(end - start);
  }
  return [full, clipped];
}

export function defineTorchPool2d(tf: Tf) {
  class TorchPool2d extends tf.layers.Layer {
    static className = 'TorchPool2d';
    cfg: Pool2dConfig;
    constructor(cfg: Pool2dConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    private outHW(h: number, w: number): [number, number] {
      const c = this.cfg;
      return [
        poolOutSize(h, c.kernel[0], c.stride[0], c.padding[0], c.dilation[0], c.ceilMode),
        poolOutSize(w, c.kernel[1], c.stride[1], c.padding[1], c.dilation[1], c.ceilMode),
      ];
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      const [ho, wo] = this.outHW(s[1] as number, s[2] as number);
      return [s[0], ho, wo, s[3]];
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs) as Tensor & { shape: number[] };
        const c = this.cfg;
        const [h, w] = [x.shape[1], x.shape[2]];
        const [ho, wo] = this.outHW(h, w);
        const need = (o: number, i: 0 | 1) => (o - 1) * c.stride[i] + c.dilation[i] * (c.kernel[i] - 1) + 1;
        const right = [need(ho, 0) - h - c.padding[0], need(wo, 1) - w - c.padding[1]].map((r, i) =>
          Math.max(r, c.padding[i]),
        );
        const pads: [number, number][] = [
          [0, 0],
          [c.padding[0], right[0]],
          [c.padding[1], right[1]],
          [0, 0],
        ];
        const padded = pads.some(([a, b]) => a > 0 || b > 0);
        const dilated = c.dilation[0] > 1 || c.dilation[1] > 1;
        if (c.mode === 'max' && !dilated) {
          // The padding goes to the pooling kernel itself (explicit padding: out-of-bounds pixels
          // take no part, as -inf padding), so no pad runs before it, nor a slice of the padded
          // input's gradient after its gradient. Every window holds an input pixel (padding is at
          // most half the kernel, and ceil_mode's last window starts inside), so the result is
          // PyTorch's; its size is PyTorch's too (the slice is a guard that does not run).
          const y: Tensor = tf.maxPool(x as never, c.kernel, c.stride, pads as never);
          const [yh, yw] = [y.shape[1] as number, y.shape[2] as number];
          return yh === ho && yw === wo ? y : tf.slice(y, [0, 0, 0, 0], [-1, ho, wo, -1]);
        }
        if (c.mode === 'max') {
          const xp = padded ? tf.pad(x, pads, -Infinity) : x;
          const y = dilated
            ? tf.pool(xp as never, c.kernel, 'max', 'valid', c.dilation, c.stride)
            : tf.maxPool(xp as never, c.kernel, c.stride, 'valid');
          return tf.slice(y, [0, 0, 0, 0], [-1, ho, wo, -1]);
        }
        const xp = padded ? tf.pad(x, pads, 0) : x;
        const mean = tf.avgPool(xp as never, c.kernel, c.stride, 'valid');
        const sum = tf.mul(tf.slice(mean, [0, 0, 0, 0], [-1, ho, wo, -1]), c.kernel[0] * c.kernel[1]);
        const [fh, ch] = divisors1d(h, ho, c.kernel[0], c.stride[0], c.padding[0]);
        const [fw, cw] = divisors1d(w, wo, c.kernel[1], c.stride[1], c.padding[1]);
        const div = new Float32Array(ho * wo);
        for (let i = 0; i < ho; i++) {
          for (let j = 0; j < wo; j++) {
            div[i * wo + j] = c.divisorOverride ?? (c.countIncludePad ? fh[i] * fw[j] : ch[i] * cw[j]);
          }
        }
        return tf.div(sum, tf.tensor4d(div, [1, ho, wo, 1]));
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchPool2d);
  return TorchPool2d;
}
