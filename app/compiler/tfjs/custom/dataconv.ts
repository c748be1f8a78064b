/**
 * Conv2d (groups 1, input already zero-padded, NHWC) for a layer whose input is the data: no
 * trainable parameter upstream, so nothing needs the gradient with respect to its input.
 * tfjs's Conv2D layer runs tf.fused.conv2d, whose custom gradient (activation 'linear', under a
 * gradient tape) always computes that input gradient too. Here, under a tape, the layer runs the
 * unfused ops (conv2d + bias add): the tape then computes only what leads to the variables (the
 * filter and bias gradients). Outside a tape it runs the fused op, as Conv2D does. Same weights
 * (`kernel` [kh, kw, in, out], `bias`) and values; saved as Conv2D (toPlainTopology also maps the class name).
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface DataConvConfig {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  dilationRate: [number, number];
  useBias: boolean;
  name?: string;
}

/** True under tf.grad / variableGrads / optimizer.minimize (tfjs's own test for unfusing). */
export function underTape(tf: Tf): boolean {
  return (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
}

export function defineTorchDataConv(tf: Tf) {
  class TorchDataConv2d extends tf.layers.Layer {
    static className = 'TorchDataConv2d';
    cfg: DataConvConfig;
    kernel: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    constructor(cfg: DataConvConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const cin = oneShape(shape)[3] as number;
      const { kernelSize: k, filters } = this.cfg;
      this.kernel = this.addWeight('kernel', [k[0], k[1], cin, filters], 'float32', tf.initializers.glorotUniform({}));
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
        const x = one(inputs) as never;
        const { strides, dilationRate } = this.cfg;
        const filter = (this.kernel as LayerVariable).read() as never;
        const bias = this.bias ? this.bias.read() : undefined;
        if (!underTape(tf)) return tf.fused.conv2d({ x, filter, strides, pad: 'valid', dataFormat: 'NHWC', dilations: dilationRate, bias });
        const y = tf.conv2d(x, filter, strides, 'valid', 'NHWC', dilationRate);
        return bias ? tf.add(y, bias) : y;
      });
    }
    /** Saved as the plain Conv2D it equals (model.json loads anywhere; reloaded, it trains as tfjs's Conv2D). */
    override getClassName(): string {
      return 'Conv2D';
    }
    override getConfig() {
      const { filters, kernelSize, strides, dilationRate, useBias } = this.cfg;
      const plain = tf.layers.conv2d({ filters, kernelSize, strides, dilationRate, padding: 'valid', useBias, name: this.name });
      return { ...plain.getConfig(), trainable: this.trainable };
    }
  }
  tf.serialization.registerClass(TorchDataConv2d);
  return TorchDataConv2d;
}
