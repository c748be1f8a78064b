/** AlexNet exactly as torchvision 0.14 builds it (`torchvision.models.alexnet()`): 61,100,840 parameters. */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';

export function buildAlexNet(): Graph {
  const b = new GraphBuilder('AlexNet', 'AlexNet (torchvision): 5 conv + 3 fully connected, 224x224 RGB, 1000 classes');
  const x = b.input([3, 224, 224]);
  const features = b.module('features', 'Sequential', { collapsed: true });
  const classifier = b.module('classifier', 'Sequential');
  const relu = { inplace: true };
  const f = b.chain(x, [
    ['Conv2d', { out_channels: 64, kernel_size: 11, stride: 4, padding: 2 }, { parent: features }],
    ['ReLU', relu, { parent: features }],
    ['MaxPool2d', { kernel_size: 3, stride: 2 }, { parent: features }],
    ['Conv2d', { out_channels: 192, kernel_size: 5, padding: 2 }, { parent: features }],
    ['ReLU', relu, { parent: features }],
    ['MaxPool2d', { kernel_size: 3, stride: 2 }, { parent: features }],
    ['Conv2d', { out_channels: 384, kernel_size: 3, padding: 1 }, { parent: features }],
    ['ReLU', relu, { parent: features }],
    ['Conv2d', { out_channels: 256, kernel_size: 3, padding: 1 }, { parent: features }],
    ['ReLU', relu, { parent: features }],
    ['Conv2d', { out_channels: 256, kernel_size: 3, padding: 1 }, { parent: features }],
    ['ReLU', relu, { parent: features }],
    ['MaxPool2d', { kernel_size: 3, stride: 2 }, { parent: features }],
  ]);
  const pool = b.layer('AdaptiveAvgPool2d', { output_size: [6, 6] }, f, { name: 'avgpool' });
  const flat = b.layer('Flatten', {}, pool, { functional: true });
  b.chain(flat, [
    ['Dropout', { p: 0.5 }, { parent: classifier }],
    ['Linear', { out_features: 4096 }, { parent: classifier }],
    ['ReLU', relu, { parent: classifier }],
    ['Dropout', { p: 0.5 }, { parent: classifier }],
    ['Linear', { out_features: 4096 }, { parent: classifier }],
    ['ReLU', relu, { parent: classifier }],
    ['Linear', { out_features: 1000 }, { parent: classifier }],
  ]);
  return b.build();
}
