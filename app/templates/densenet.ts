/**
 * DenseNet-121 exactly as torchvision 0.14 builds it: 7,978,856 parameters.
 * `features` is an OrderedDict Sequential (conv0 norm0 relu0 pool0 denseblock1 transition1 ...
 * norm5); a _DenseBlock holds denselayer1..N, each a _DenseLayer that concatenates every
 * earlier feature map (functional cat) before norm1 relu1 conv1 norm2 relu2 conv2; the block
 * returns the cat of all of them. _Transition is a Sequential with named children.
 * forward ends with functional relu, adaptive_avg_pool2d and flatten before `classifier`.
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';

const GROWTH = 32;
const BN_SIZE = 4;
const BLOCKS = [6, 12, 24, 16];

function denseLayer(b: GraphBuilder, inputs: string[], block: string, index: number): string {
  const m = b.module(`denselayer${index}`, 'Module', { className: '_DenseLayer', parent: block, collapsed: true });
  const cat = b.layer('Concat', { dim: 1 }, inputs, { parent: m, functional: true });
  return b.chain(cat, [
    ['BatchNorm2d', {}, { parent: m, name: 'norm1' }],
    ['ReLU', { inplace: true }, { parent: m, name: 'relu1' }],
    [
      'Conv2d',
      { out_channels: BN_SIZE * GROWTH, kernel_size: 1, stride: 1, bias: false },
      { parent: m, name: 'conv1' },
    ],
    ['BatchNorm2d', {}, { parent: m, name: 'norm2' }],
    ['ReLU', { inplace: true }, { parent: m, name: 'relu2' }],
    [
      'Conv2d',
      { out_channels: GROWTH, kernel_size: 3, stride: 1, padding: 1, bias: false },
      { parent: m, name: 'conv2' },
    ],
  ]);
}

export function buildDenseNet121(): Graph {
  const b = new GraphBuilder('DenseNet', 'DenseNet-121 (torchvision), 224x224 RGB, 1000 classes');
  const features = b.module('features', 'Sequential');
  let x = b.input([3, 224, 224]);
  x = b.chain(x, [
    [
      'Conv2d',
      { out_channels: 64, kernel_size: 7, stride: 2, padding: 3, bias: false },
      { parent: features, name: 'conv0' },
    ],
    ['BatchNorm2d', {}, { parent: features, name: 'norm0' }],
    ['ReLU', { inplace: true }, { parent: features, name: 'relu0' }],
    ['MaxPool2d', { kernel_size: 3, stride: 2, padding: 1 }, { parent: features, name: 'pool0' }],
  ]);
  let channels = 64;
  BLOCKS.forEach((layers, i) => {
    const block = b.module(`denseblock${i + 1}`, 'Module', {
      className: '_DenseBlock',
      parent: features,
      collapsed: true,
    });
    const feats = [x];
    for (let j = 1; j <= layers; j++) feats.push(denseLayer(b, [...feats], block, j));
    x = b.layer('Concat', { dim: 1 }, feats, { parent: block, functional: true });
    channels += layers * GROWTH;
    if (i === BLOCKS.length - 1) return;
    const t = b.module(`transition${i + 1}`, 'Sequential', {
      className: '_Transition',
      parent: features,
      collapsed: true,
    });
    channels = Math.floor(channels / 2);
    x = b.chain(x, [
      ['BatchNorm2d', {}, { parent: t, name: 'norm' }],
      ['ReLU', { inplace: true }, { parent: t, name: 'relu' }],
      ['Conv2d', { out_channels: channels, kernel_size: 1, stride: 1, bias: false }, { parent: t, name: 'conv' }],
      ['AvgPool2d', { kernel_size: 2, stride: 2 }, { parent: t, name: 'pool' }],
    ]);
  });
  x = b.layer('BatchNorm2d', {}, x, { parent: features, name: 'norm5' });
  x = b.chain(x, [
    ['ReLU', { inplace: true }, { functional: true }],
    ['AdaptiveAvgPool2d', { output_size: [1, 1] }, { functional: true }],
    ['Flatten', {}, { functional: true }],
  ]);
  b.layer('Linear', { out_features: 1000 }, x, { name: 'classifier' });
  return b.build();
}
