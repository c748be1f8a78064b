/**
 * The course's MLP (seed notes): 784-200-200-10 with LeakyReLU(inplace=True) after every
 * Linear, as the course writes it (including after the last one). The course flattens with
 * `x.view(-1, 28*28)` before calling the model; here that is a functional flatten in forward.
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';

export function buildMlp(): Graph {
  const b = new GraphBuilder('MLP', "The course's MLP: 784-200-200-10 with LeakyReLU(inplace=True)");
  // The course's settings: SGD, lr 0.01, batch 200, 10 epochs (on Fashion-MNIST, which is installed here).
  b.settings({ optimizer: 'sgd', lr: 0.01, batch_size: 200, epochs: 10 }, { name: 'fashion-mnist' });
  const x = b.input([1, 28, 28]);
  const model = b.module('model', 'Sequential');
  const flat = b.layer('Flatten', {}, x, { functional: true });
  b.chain(flat, [
    ['Linear', { out_features: 200 }, { parent: model }],
    ['LeakyReLU', { inplace: true }, { parent: model }],
    ['Linear', { out_features: 200 }, { parent: model }],
    ['LeakyReLU', { inplace: true }, { parent: model }],
    ['Linear', { out_features: 10 }, { parent: model }],
    ['LeakyReLU', { inplace: true }, { parent: model }],
  ]);
  return b.build();
}
