/**
 * PyTorch's activations that tfjs has no layer for (or defines otherwise: tfjs's hardSigmoid is
 * Keras's 0.2x + 0.5, PyTorch's is x/6 + 0.5), as compositions of tfjs ops so that autodiff gives
 * their gradients: ReLU6, SiLU, Hardswish, Hardsigmoid, Mish, Softplus(beta, threshold).
 */
import type { Kwargs, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export type TorchActivationFn = 'relu6' | 'silu' | 'hardswish' | 'hardsigmoid' | 'mish' | 'softplus';

export interface ActivationConfig {
  fn: TorchActivationFn;
  /** Softplus only. */
  beta?: number;
  threshold?: number;
  name?: string;
}

/** y = f(x) for the activation `fn`, PyTorch's formula. */
export function torchActivation(tf: Tf, x: Tensor, cfg: ActivationConfig): Tensor {
  const hardSigmoid = (v: Tensor) => tf.div(tf.relu6(tf.add(v, 3)), 6);
  switch (cfg.fn) {
    case 'relu6':
      return tf.relu6(x);
    case 'silu':
      return tf.mul(x, tf.sigmoid(x));
    case 'hardswish':
      return tf.mul(x, hardSigmoid(x));
    case 'hardsigmoid':
      return hardSigmoid(x);
    case 'mish':
      return tf.mul(x, tf.tanh(tf.softplus(x)));
    case 'softplus': {
      // 1/beta * log(1 + exp(beta * x)), and x itself where beta * x > threshold.
      const beta = cfg.beta ?? 1;
      // The mask is a step (zero gradient), not tf.greater: Greater has no gradient in tfjs and
      // a Where on it breaks training. tfjs's softplus is finite for large inputs, so 0·soft is 0.
      const bx = tf.mul(x, beta);
      const past = tf.step(tf.sub(bx, cfg.threshold ?? 20));
      return tf.add(tf.mul(past, x), tf.mul(tf.sub(1, past), tf.div(tf.softplus(bx), beta)));
    }
  }
}

export function defineTorchActivation(tf: Tf) {
  class TorchActivation extends tf.layers.Layer {
    static className = 'TorchActivation';
    cfg: ActivationConfig;
    constructor(cfg: ActivationConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => torchActivation(tf, one(inputs), this.cfg));
    }
    override getConfig() {
      const { name: _name, ...rest } = this.cfg;
      return { ...super.getConfig(), ...rest };
    }
  }
  tf.serialization.registerClass(TorchActivation);
  return TorchActivation;
}
