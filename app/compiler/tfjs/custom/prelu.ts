/**
 * PyTorch's PReLU: max(0, x) + weight * min(0, x), weight of shape [num_parameters] (1 or the
 * channel count), on PyTorch's channel dim: the last internal axis for [N, F] and NHWC, axis 1 for
 * the other ranks (PyTorch order, see layout.ts).
 */
import type { Kwargs, LayerVariable, Tensor, Tf } from '../tf';
import { one, oneShape } from './util';

export interface PReLUConfig {
  numParameters: number;
  init: number;
  name?: string;
}

export function definePReLU(tf: Tf) {
  class TorchPReLU extends tf.layers.Layer {
    static className = 'TorchPReLU';
    cfg: PReLUConfig;
    weight: LayerVariable | null = null;
    constructor(cfg: PReLUConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(_shape: (number | null)[] | (number | null)[][]): void {
      this.weight = this.addWeight(
        'weight',
        [this.cfg.numParameters],
        'float32',
        tf.initializers.constant({ value: this.cfg.init }),
      );
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      return oneShape(shape);
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        let w = (this.weight as LayerVariable).read();
        // Channel axis 1 in PyTorch order (ranks 3 and 5+): weight [n, 1, ...] broadcasts there.
        if (x.rank === 3 || x.rank > 4)
          w = tf.reshape(w, [this.cfg.numParameters, ...Array<number>(x.rank - 2).fill(1)]);
        return tf.add(tf.relu(x), tf.mul(w, tf.neg(tf.relu(tf.neg(x)))));
      });
    }
    override getConfig() {
      return { ...super.getConfig(), numParameters: this.cfg.numParameters, init: this.cfg.init };
    }
  }
  tf.serialization.registerClass(TorchPReLU);
  return TorchPReLU;
}
