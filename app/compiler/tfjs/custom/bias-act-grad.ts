/**
 * The start of a Conv2d's or Linear's backward pass in one kernel, for backends that register
 * `NetloomBiasActGrad` (the engine does for wasm): the fused ReLU's mask and the bias gradient.
 *   dz = relu ? dy * (y > 0) : dy        db[c] = sum of dz over every axis but the last
 * Otherwise these are three to four kernels (step, multiply, and a sum that transposes the
 * whole tensor first on wasm), each a full pass over the activation. The sums accumulate in
 * double precision. Kernel inputs: dy and, with relu, y (the layer's output); outputs: dz
 * (with relu) then db (with bias). Backends without the kernel use the tensor ops.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from '../tf';

export const BIAS_ACT_GRAD_KERNEL = 'NetloomBiasActGrad';

export interface BiasActGradAttrs {
  relu: boolean;
  bias: boolean;
}

/** The kernel's work over flat arrays with `c` channels last; dz and db are null when not asked for. */
export function biasActGrad(
  dy: Float32Array,
  y: Float32Array | null,
  c: number,
  dz: Float32Array | null,
  db: Float32Array | null,
): void {
  const n = dy.length;
  if (db === null) {
    if (dz && y) for (let i = 0; i < n; i++) dz[i] = y[i] > 0 ? dy[i] : 0;
    return;
  }
  const acc = new Float64Array(c);
  for (let i = 0; i < n; i += c) {
    for (let ch = 0; ch < c; ch++) {
      const k = i + ch;
      let v = dy[k];
      if (dz && y) {
        v = y[k] > 0 ? v : 0;
        dz[k] = v;
      }
      acc[ch] += v;
    }
  }
  for (let ch = 0; ch < c; ch++) db[ch] = acc[ch];
}

/**
 * [dz, db] for a layer output y = act(z) whose last axis holds the channels; db is null without
 * a bias. Runs the fused kernel where the backend has it, the tensor ops elsewhere.
 */
export function biasActBackward(tf: Tf, dy: Tensor, y: Tensor, relu: boolean, bias: boolean): [Tensor, Tensor | null] {
  if (!relu && !bias) return [dy, null];
  if (tf.getKernel(BIAS_ACT_GRAD_KERNEL, tf.getBackend()) !== undefined) {
    const inputs = relu ? { dy, y } : { dy };
    const outs = tf
      .engine()
      .runKernel(
        BIAS_ACT_GRAD_KERNEL,
        inputs as never,
        { relu, bias } satisfies BiasActGradAttrs as never,
      ) as unknown as Tensor[];
    return relu ? [outs[0], bias ? outs[1] : null] : [dy, outs[0]];
  }
  const dz = relu ? tf.mul(dy, tf.step(y)) : dy;
  const axes = Array.from({ length: dy.rank - 1 }, (_, i) => i);
  return [dz, bias ? tf.sum(dz, axes) : null];
}

/**
 * tfjs's gradient of `Relu` (dy * cast(step(x)): Step, Cast and Multiply, two full-size
 * intermediates) as the one NetloomBiasActGrad kernel on backends that register it:
 * dx = x > 0 ? dy : 0, since x > 0 exactly where relu(x) > 0. The values are dy's where x > 0
 * and zero elsewhere, as before; only the sign of those zeros (tfjs: -0 where dy < 0) and a NaN
 * input (tfjs: NaN, here 0) differ. Other backends run `original`, tfjs's own gradient.
 */
export function reluGradConfig(
  tf: Pick<typeof tfc, 'getKernel' | 'getBackend' | 'engine'>,
  original: GradConfig,
): GradConfig {
  return {
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      if (tf.getKernel(BIAS_ACT_GRAD_KERNEL, tf.getBackend()) === undefined) return original.gradFunc(dy, saved, attrs);
      const [x] = saved;
      return {
        x: () =>
          (
            tf
              .engine()
              .runKernel(
                BIAS_ACT_GRAD_KERNEL,
                { dy: dy as Tensor, y: x } as never,
                { relu: true, bias: false } satisfies BiasActGradAttrs as never,
              ) as unknown as Tensor[]
          )[0],
      };
    },
  };
}
