/**
 * ConvTranspose2d exactly as PyTorch (stride, padding, output_padding, dilation, groups), NHWC,
 * built from ops that every backend differentiates: the input spread with stride - 1 zeros
 * between pixels, padded by dilation*(kernel-1) - padding on the top/left and that plus
 * output_padding on the bottom/right (cropped where negative), then a stride-1 'valid'
 * convolution per group with the kernel flipped and its channel axes swapped (dilation as an
 * explicitly spread kernel, since tfjs has no gradient for dilated convolutions).
 * Kernel [kh, kw, out/groups, in]: PyTorch's [in, out/groups, kh, kw] in the conv layout
 * (weight-layout.ts), so state dicts move with the same transpose as Conv2d's.
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { dilateKernel } from './conv';
import { cleanConfig, one, oneShape } from './util';

export interface ConvTransposeConfig {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  padding: [number, number];
  outputPadding: [number, number];
  dilationRate: [number, number];
  groups: number;
  useBias: boolean;
  name?: string;
}

/** Output size along axis i (PyTorch's formula). */
export function convTransposeSize(cfg: ConvTransposeConfig, i: 0 | 1, n: number): number {
  return (
    (n - 1) * cfg.strides[i] -
    2 * cfg.padding[i] +
    cfg.dilationRate[i] * (cfg.kernelSize[i] - 1) +
    cfg.outputPadding[i] +
    1
  );
}

/** [N, H, W, C] -> [N, (H-1)*sh+1, (W-1)*sw+1, C] with sh-1 (sw-1) zero rows (columns) between pixels. */
function spread(tf: Tf, x: Tensor, [sh, sw]: [number, number]): Tensor {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const z = tf.pad(tf.reshape(x, [n, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return tf.slice(tf.reshape(z, [n, h * sh, w * sw, c]), [0, 0, 0, 0], [n, (h - 1) * sh + 1, (w - 1) * sw + 1, c]);
}

/** Pads (or, for negative amounts, crops) H and W by [top, bottom] and [left, right]. */
function padOrCrop(tf: Tf, x: Tensor, ph: [number, number], pw: [number, number]): Tensor {
  const pos = (v: number) => Math.max(v, 0);
  const grown = [ph, pw].some(([a, b]) => a > 0 || b > 0)
    ? tf.pad(x, [
        [0, 0],
        [pos(ph[0]), pos(ph[1])],
        [pos(pw[0]), pos(pw[1])],
        [0, 0],
      ])
    : x;
  const [n, h, w, c] = grown.shape;
  const cut = (v: number) => pos(-v);
  if (cut(ph[0]) + cut(ph[1]) + cut(pw[0]) + cut(pw[1]) === 0) return grown;
  return tf.slice(
    grown,
    [0, cut(ph[0]), cut(pw[0]), 0],
    [n, h - cut(ph[0]) - cut(ph[1]), w - cut(pw[0]) - cut(pw[1]), c],
  );
}

export function defineTorchConvTranspose(tf: Tf) {
  class TorchConvTranspose2d extends tf.layers.Layer {
    static className = 'TorchConvTranspose2d';
    cfg: ConvTransposeConfig;
    kernel: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    constructor(cfg: ConvTransposeConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const cin = oneShape(shape)[3] as number;
      const { kernelSize: k, filters, groups } = this.cfg;
      const init = tf.initializers.glorotUniform({});
      this.kernel = this.addWeight('kernel', [k[0], k[1], filters / groups, cin], 'float32', init);
      if (this.cfg.useBias) this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      return [
        s[0],
        convTransposeSize(this.cfg, 0, s[1] as number),
        convTransposeSize(this.cfg, 1, s[2] as number),
        this.cfg.filters,
      ];
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const { kernelSize: k, strides, padding: p, outputPadding: op, dilationRate: d, groups } = this.cfg;
        const lo = [0, 1].map((i) => d[i] * (k[i] - 1) - p[i]);
        const x = padOrCrop(tf, spread(tf, one(inputs), strides), [lo[0], lo[0] + op[0]], [lo[1], lo[1] + op[1]]);
        // [kh, kw, out/g, in] flipped in space, one [kh, kw, in/g, out/g] kernel per group.
        const flipped = tf.reverse((this.kernel as LayerVariable).read(), [0, 1]);
        const xs = groups === 1 ? [x] : tf.split(x, groups, 3);
        const ks = groups === 1 ? [flipped] : tf.split(flipped, groups, 3);
        const dilated = d[0] > 1 || d[1] > 1;
        const ys = xs.map((xi, g) => {
          const kg = tf.transpose(ks[g], [0, 1, 3, 2]);
          return tf.conv2d(xi as never, (dilated ? dilateKernel(tf, kg, d) : kg) as never, 1, 'valid');
        });
        const y = ys.length === 1 ? ys[0] : tf.concat(ys, 3);
        return this.bias ? tf.add(y, this.bias.read()) : y;
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchConvTranspose2d);
  return TorchConvTranspose2d;
}
