/**
 * Conv2d with 1 < groups < in_channels (tfjs has no grouped convolution): the input channels
 * are split into `groups`, each convolved with its slice of the kernel, and concatenated.
 * Kernel [kh, kw, in/groups, out] (PyTorch's [out, in/groups, kh, kw] transposed). Input NHWC,
 * already zero-padded. Dilation trains through the equivalent spread kernel (tfjs has no
 * gradient for a dilated convolution).
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { dilateKernel } from './conv';
import { cleanConfig, one, oneShape } from './util';

export interface GroupConvConfig {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  dilationRate: [number, number];
  groups: number;
  useBias: boolean;
  name?: string;
}

export function defineTorchGroupConv(tf: Tf) {
  class TorchGroupConv2d extends tf.layers.Layer {
    static className = 'TorchGroupConv2d';
    cfg: GroupConvConfig;
    kernel: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    constructor(cfg: GroupConvConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const s = oneShape(shape);
      const cin = s[3] as number;
      const { kernelSize: k, filters, groups } = this.cfg;
      this.kernel = this.addWeight(
        'kernel',
        [k[0], k[1], cin / groups, filters],
        'float32',
        tf.initializers.glorotUniform({}),
      );
      if (this.cfg.useBias) this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      const { kernelSize: k, strides: st, dilationRate: d } = this.cfg;
      const o = (n: number, i: 0 | 1) => Math.floor((n - d[i] * (k[i] - 1) - 1) / st[i]) + 1;
      return [s[0], o(s[1] as number, 0), o(s[2] as number, 1), this.cfg.filters];
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs) as Tensor;
        const { groups, strides, dilationRate } = this.cfg;
        const xs = tf.split(x, groups, 3);
        const ks = tf.split((this.kernel as LayerVariable).read(), groups, 3);
        // A dilated kernel spread explicitly: tfjs has no gradient for dilated convolutions.
        const dilated = dilationRate[0] > 1 || dilationRate[1] > 1;
        const ys = xs.map((xi, g) => {
          const k = dilated ? dilateKernel(tf, ks[g], dilationRate) : ks[g];
          return tf.conv2d(xi as never, k as never, strides, 'valid', 'NHWC');
        });
        const y = tf.concat(ys, 3);
        return this.bias ? tf.add(y, this.bias.read()) : y;
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...cleanConfig({ ...this.cfg }) };
    }
  }
  tf.serialization.registerClass(TorchGroupConv2d);
  return TorchGroupConv2d;
}
