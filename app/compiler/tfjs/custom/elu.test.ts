// ELU after a trainable layer: the gradient reaches the layer below (it used to stop at
// `greater`, which has no gradient in tfjs) and is PyTorch's: 1 for x > 0, alpha * exp(x) else.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../templates/builder';
import type { Tensor } from '../tf';
import { compile, tf } from './test-util';

describe('TorchELU', () => {
  it('differentiates with respect to its input as torch.nn.ELU', async () => {
    await tf.setBackend('cpu');
    const b = new GraphBuilder('Net');
    b.chain(b.input([4]), [['ELU', { alpha: 0.7 }]]);
    const model = compile(b, 1);
    const x = tf.tensor2d([[-2, -0.5, 0.5, 3]]);
    const g = tf.grad((v: Tensor) => tf.sum(model.apply(v) as Tensor))(x);
    const want = [0.7 * Math.exp(-2), 0.7 * Math.exp(-0.5), 1, 1];
    Array.from(g.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    const y = Array.from((model.apply(x) as Tensor).dataSync());
    [0.7 * (Math.exp(-2) - 1), 0.7 * (Math.exp(-0.5) - 1), 0.5, 3].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 6));
  });
});
