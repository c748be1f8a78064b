/**
 * Linear (on the last dim) with bias and an optional fused ReLU, trained through one custom
 * gradient: tfjs's Dense runs matMul, bias add and ReLU as separate kernels under a tape (plus
 * reshapes and copies around its fused op's own gradient, which always computes the input
 * gradient). Here the forward is the backend's _FusedMatMul (product, bias and ReLU in one
 * kernel) and the gradient is
 *   dz = relu ? dy * step(y) : dy;  dW = x^T dz;  db = sum(dz over rows);
 *   dx = dz W^T, only when something upstream needs it (`inputGrad`: false on the data).
 * Kernel [in, out] and bias as tfjs's Dense; saved as the plain Dense it equals.
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { biasActBackward } from './bias-act-grad';
import { one, oneShape, underTape } from './util';

export interface TorchLinearConfig {
  units: number;
  useBias: boolean;
  activation: 'linear' | 'relu';
  /** False when no trainable parameter is upstream: the input gradient is never computed. */
  inputGrad: boolean;
  name?: string;
}

/** The forward kernel: _FusedMatMul (product + bias + activation) on [1, m, k] x [1, k, n]. */
function fusedForward(
  tf: Tf,
  a: Tensor,
  b: Tensor,
  bias: Tensor | undefined,
  activation: TorchLinearConfig['activation'],
): Tensor {
  const [m, k] = a.shape as number[];
  const n = b.shape[1] as number;
  const inputs: Record<string, Tensor> = { a: tf.reshape(a, [1, m, k]), b: tf.reshape(b, [1, k, n]) };
  if (bias) inputs.bias = bias;
  const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
  return tf.reshape(tf.engine().runKernel('_FusedMatMul', inputs as never, attrs as never) as Tensor, [m, n]);
}

/** The training path for a [m, in] input: the fused forward under a custom gradient. */
export function trainLinear(tf: Tf, x: Tensor, w: Tensor, bias: Tensor | undefined, cfg: TorchLinearConfig): Tensor {
  const op = tf.customGrad(((...args: unknown[]) => {
    const save = args.pop() as (ts: Tensor[]) => void;
    const ts = args as Tensor[];
    const xIn = cfg.inputGrad ? ts[0] : x;
    const wIn = ts[cfg.inputGrad ? 1 : 0];
    const y = fusedForward(tf, xIn, wIn, bias ? ts[ts.length - 1] : undefined, cfg.activation);
    save([xIn, wIn, y]);
    return {
      value: y,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sw, sy] = saved;
        const [dz, db] = biasActBackward(tf, dy, sy, cfg.activation === 'relu', bias !== undefined);
        const grads: Tensor[] = [];
        if (cfg.inputGrad) grads.push(tf.matMul(dz, sw, false, true));
        grads.push(tf.matMul(sx, dz, true, false));
        if (db) grads.push(db);
        return grads;
      },
    };
  }) as never) as unknown as (...t: Tensor[]) => Tensor;
  return op(...[...(cfg.inputGrad ? [x] : []), w, ...(bias ? [bias] : [])]);
}

export function defineTorchLinear(tf: Tf) {
  class TorchLinear extends tf.layers.Layer {
    static className = 'TorchLinear';
    cfg: TorchLinearConfig;
    kernel: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    constructor(cfg: TorchLinearConfig) {
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
        const a = x.rank === 2 ? x : tf.reshape(x, [-1, x.shape[x.rank - 1]]);
        const w = (this.kernel as LayerVariable).read() as Tensor;
        const bias = this.bias ? (this.bias.read() as Tensor) : undefined;
        const y = underTape(tf)
          ? trainLinear(tf, a, w, bias, this.cfg)
          : fusedForward(tf, a, w, bias, this.cfg.activation);
        return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.cfg.units]);
      });
    }
    /** Saved as the plain Dense it equals (model.json loads anywhere). */
    override getClassName(): string {
      return 'Dense';
    }
    override getConfig() {
      const { units, useBias, activation } = this.cfg;
      return {
        ...tf.layers.dense({ units, useBias, activation, name: this.name }).getConfig(),
        trainable: this.trainable,
      };
    }
  }
  tf.serialization.registerClass(TorchLinear);
  return TorchLinear;
}
