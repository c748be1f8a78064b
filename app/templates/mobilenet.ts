/**
 * MobileNetV2 exactly as torchvision 0.14 builds it (width 1.0, 1000 classes): 3,504,872
 * parameters. `features` is a Sequential of Conv2dNormActivation (Conv2d, BatchNorm2d, ReLU6) and
 * InvertedResidual blocks, each holding `conv`, a Sequential of an optional 1x1 expansion
 * Conv2dNormActivation, the depthwise 3x3 Conv2dNormActivation, and the linear 1x1 projection
 * (Conv2d, BatchNorm2d); a block with stride 1 and equal channels adds its input (functional Add).
 * forward ends with functional adaptive_avg_pool2d and flatten before `classifier` (Dropout, Linear).
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';
import { convNormAct, invertedResidual } from './mobile-blocks';

/** [expand_ratio t, output channels c, repeats n, first stride s], torchvision's inverted_residual_setting. */
const SETTING: readonly [number, number, number, number][] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

export function buildMobileNetV2(): Graph {
  const b = new GraphBuilder('MobileNetV2', 'MobileNetV2 (torchvision mobilenet_v2), 224x224 RGB, 1000 classes');
  const features = b.module('features', 'Sequential');
  let x = b.input([3, 224, 224]);
  x = convNormAct(b, x, features, 0, 32, 3, 2, 1, 'ReLU6');
  let channels = 32;
  let index = 1;
  for (const [t, c, n, s] of SETTING) {
    for (let i = 0; i < n; i++) {
      x = invertedResidual(b, x, features, index++, channels, c, i === 0 ? s : 1, t);
      channels = c;
    }
  }
  x = convNormAct(b, x, features, index, 1280, 1, 1, 1, 'ReLU6');
  x = b.layer('AdaptiveAvgPool2d', { output_size: [1, 1] }, x, { functional: true });
  x = b.layer('Flatten', {}, x, { functional: true });
  const classifier = b.module('classifier', 'Sequential');
  b.chain(x, [
    ['Dropout', { p: 0.2 }, { parent: classifier, name: '0' }],
    ['Linear', { out_features: 1000 }, { parent: classifier, name: '1' }],
  ]);
  return b.build();
}
