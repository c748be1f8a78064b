/**
 * LeNet-5 for 28x28 grey images (MNIST, Fashion-MNIST): the classic 2 conv + 3 fully connected
 * layers, with padding=2 on the first conv so 28x28 behaves like the original 32x32 input.
 * 61,706 parameters. The PyTorch twin is scripts/torch_ref/models.py `LeNet5`.
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';

export function buildLeNet5(): Graph {
  const b = new GraphBuilder('LeNet5', 'LeNet-5: conv(6,5x5) pool conv(16,5x5) pool, then 120-84-10 fully connected');
  // Ready to train on the Fashion-MNIST files Debian's dataset-fashion-mnist installs.
  b.settings({ optimizer: 'sgd', lr: 0.01, momentum: 0.9, batch_size: 64, epochs: 10 }, { name: 'fashion-mnist' });
  const x = b.input([1, 28, 28]);
  const features = b.module('features', 'Sequential');
  const classifier = b.module('classifier', 'Sequential');
  const f = b.chain(x, [
    ['Conv2d', { out_channels: 6, kernel_size: 5, padding: 2 }, { parent: features }],
    ['ReLU', {}, { parent: features }],
    ['MaxPool2d', { kernel_size: 2 }, { parent: features }],
    ['Conv2d', { out_channels: 16, kernel_size: 5 }, { parent: features }],
    ['ReLU', {}, { parent: features }],
    ['MaxPool2d', { kernel_size: 2 }, { parent: features }],
  ]);
  const flat = b.layer('Flatten', {}, f, { name: 'flatten' });
  b.chain(flat, [
    ['Linear', { out_features: 120 }, { parent: classifier }],
    ['ReLU', {}, { parent: classifier }],
    ['Linear', { out_features: 84 }, { parent: classifier }],
    ['ReLU', {}, { parent: classifier }],
    ['Linear', { out_features: 10 }, { parent: classifier }],
  ]);
  return b.build();
}
