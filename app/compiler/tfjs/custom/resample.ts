/**
 * Upsample (nearest, bilinear with or without align_corners) and AdaptiveAvgPool2d, exactly as
 * PyTorch computes them. Each is a linear map along H and along W, applied as two matrix
 * products on the NHWC input (differentiable on every backend, no gather needed).
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { cleanConfig, one, oneShape } from './util';

export interface ResampleConfig {
  mode: 'nearest' | 'bilinear' | 'adaptive';
  /** Output [H, W]; an entry null keeps the input size (adaptive pools). */
  size: [number | null, number | null] | null;
  /** Upsample's scale_factor, used when size is null. */
  scale: [number, number] | null;
  alignCorners: boolean;
  name?: string;
}

/** Output length along one axis. */
export function resampleOut(cfg: ResampleConfig, i: 0 | 1, input: number): number {
  const s = cfg.size?.[i];
  if (s !== null && s !== undefined) return s;
  if (cfg.scale) return Math.floor(input * cfg.scale[i]);
  return input;
}

/** The [out, in] interpolation matrix along one axis, row-major. */
export function resampleMatrix(cfg: ResampleConfig, i: 0 | 1, input: number): Float32Array {
  const out = resampleOut(cfg, i, input);
  const m = new Float32Array(out * input);
  const given = cfg.size?.[i] === null || cfg.size?.[i] === undefined ? cfg.scale?.[i] : undefined;
  const scale = given ? 1 / given : input / out;
  for (let o = 0; o < out; o++) {
    if (cfg.mode === 'adaptive') {
      const start = Math.floor((o * input) / out);
      const end = Math.ceil(((o + 1) * input) / out);
      for (let j = start; j < end; j++) m[o * input + j] = 1 / (end - start);
    } else if (cfg.mode === 'nearest') {
      const src = Math.min(Math.floor(o * scale), input - 1);
      m[o * input + src] = 1;
    } else {
      let src: number;
      if (cfg.alignCorners) src = out > 1 ? (o * (input - 1)) / (out - 1) : 0;
      else src = Math.max(0, scale * (o + 0.5) - 0.5);
      const i0 = Math.min(Math.floor(src), input - 1);
      const i1 = Math.min(i0 + 1, input - 1);
      const l1 = src - i0;
      m[o * input + i0] += 1 - l1;
      m[o * input + i1] += l1;
    }
  }
  return m;
}

export function defineTorchResample(tf: Tf) {
  class TorchResample2d extends tf.layers.Layer {
    static className = 'TorchResample2d';
    cfg: ResampleConfig;
    constructor(cfg: ResampleConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      return [s[0], resampleOut(this.cfg, 0, s[1] as number), resampleOut(this.cfg, 1, s[2] as number), s[3]];
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const [n, h, w, c] = x.shape;
        const ho = resampleOut(this.cfg, 0, h);
        const wo = resampleOut(this.cfg, 1, w);
        const ah = tf.tensor3d(resampleMatrix(this.cfg, 0, h), [1, ho, h]);
        const aw = tf.tensor3d(resampleMatrix(this.cfg, 1, w), [1, wo, w]);
        const yh = tf.matMul(tf.tile(ah, [n, 1, 1]), tf.reshape(x, [n, h, w * c]));
        const yw = tf.matMul(tf.tile(aw, [n * ho, 1, 1]), tf.reshape(yh, [n * ho, w, c]));
        return tf.reshape(yw, [n, ho, wo, c]);
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchResample2d);
  return TorchResample2d;
}
