/**
 * VGG-11/13/16/19, with and without BatchNorm, exactly as torchvision 0.14 builds them
 * (`torchvision.models.vgg16()`, `vgg16_bn()`): configurations A, B, D, E.
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';

export type VggDepth = 11 | 13 | 16 | 19;

const CONFIGS: Record<VggDepth, (number | 'M')[]> = {
  11: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  13: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  16: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  19: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
};

export function buildVgg(depth: VggDepth, batchNorm: boolean): Graph {
  const b = new GraphBuilder(
    'VGG',
    `VGG-${depth}${batchNorm ? ' with BatchNorm' : ''} (torchvision), 224x224 RGB, 1000 classes`,
  );
  const x = b.input([3, 224, 224]);
  const features = b.module('features', 'Sequential', { collapsed: true });
  const classifier = b.module('classifier', 'Sequential');
  let last = x;
  for (const v of CONFIGS[depth]) {
    if (v === 'M') {
      last = b.layer('MaxPool2d', { kernel_size: 2, stride: 2 }, last, { parent: features });
      continue;
    }
    last = b.layer('Conv2d', { out_channels: v, kernel_size: 3, padding: 1 }, last, { parent: features });
    if (batchNorm) last = b.layer('BatchNorm2d', {}, last, { parent: features });
    last = b.layer('ReLU', { inplace: true }, last, { parent: features });
  }
  const pool = b.layer('AdaptiveAvgPool2d', { output_size: [7, 7] }, last, { name: 'avgpool' });
  const flat = b.layer('Flatten', {}, pool, { functional: true });
  b.chain(flat, [
    ['Linear', { out_features: 4096 }, { parent: classifier }],
    ['ReLU', { inplace: true }, { parent: classifier }],
    ['Dropout', { p: 0.5 }, { parent: classifier }],
    ['Linear', { out_features: 4096 }, { parent: classifier }],
    ['ReLU', { inplace: true }, { parent: classifier }],
    ['Dropout', { p: 0.5 }, { parent: classifier }],
    ['Linear', { out_features: 1000 }, { parent: classifier }],
  ]);
  return b.build();
}
