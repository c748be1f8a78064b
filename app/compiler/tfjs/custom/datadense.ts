/**
 * Linear (on the last dim) of an input that is the data (no trainable parameter upstream): like tfjs's Dense
 * (kernel [in, out], bias), but under a gradient tape it runs matMul + bias add unfused, so the
 * tape skips the input gradient that tf.fused.matMul's custom gradient always computes.
 * Outside a tape it runs the fused op. Saved as Dense (toPlainTopology also maps the class name).
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { one, oneShape, underTape } from './util';

export interface DataDenseConfig {
  units: number;
  useBias: boolean;
  name?: string;
}

export function defineTorchDataDense(tf: Tf) {
  class TorchDataLinear extends tf.layers.Layer {
    static className = 'TorchDataLinear';
    cfg: DataDenseConfig;
    kernel: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    constructor(cfg: DataDenseConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const s = oneShape(shape);
      const fin = s[s.length - 1] as number;
      this.kernel = this.addWeight('kernel', [fin, this.cfg.units], 'float32', tf.initializers.glorotUniform({}));
      if (this.cfg.useBias) this.bias = this.addWeight('bias', [this.cfg.units], 'float32', tf.initializers.zeros());
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return [...oneShape(shape).slice(0, -1), this.cfg.units];
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const a = tf.reshape(x, [-1, x.shape[x.rank - 1]]) as never;
        const b = (this.kernel as LayerVariable).read() as never;
        const bias = this.bias ? this.bias.read() : undefined;
        let y: Tensor;
        if (!underTape(tf)) y = tf.fused.matMul({ a, b, bias });
        else y = bias ? tf.add(tf.matMul(a, b), bias) : tf.matMul(a, b);
        return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.cfg.units]);
      });
    }
    /** Saved as the plain Dense it equals (model.json loads anywhere; reloaded, it trains as tfjs's Dense). */
    override getClassName(): string {
      return 'Dense';
    }
    override getConfig() {
      const { units, useBias } = this.cfg;
      return { ...tf.layers.dense({ units, useBias, name: this.name }).getConfig(), trainable: this.trainable };
    }
  }
  tf.serialization.registerClass(TorchDataLinear);
  return TorchDataLinear;
}
