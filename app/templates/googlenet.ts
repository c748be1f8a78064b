/**
 * GoogLeNet (Inception v1) as torchvision 0.14 builds it with aux_logits=False and
 * transform_input=False: 6,624,904 parameters. BasicConv2d = conv (no bias) + bn (eps=0.001)
 * followed by a functional relu; Inception = branch1..branch4 joined by a functional cat.
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';

interface ConvArgs {
  out_channels: number;
  kernel_size: number;
  stride?: number;
  padding?: number;
}

function basicConv(b: GraphBuilder, from: string, parent: string | undefined, name: string, args: ConvArgs): string {
  const m = b.module(name, 'Module', { className: 'BasicConv2d', parent });
  const conv = b.layer('Conv2d', { ...args, bias: false }, from, { parent: m, name: 'conv' });
  const bn = b.layer('BatchNorm2d', { eps: 0.001 }, conv, { parent: m, name: 'bn' });
  return b.layer('ReLU', { inplace: true }, bn, { parent: m, functional: true });
}

type InceptionCfg = [number, number, number, number, number, number];

function inception(b: GraphBuilder, from: string, name: string, cfg: InceptionCfg): string {
  const [ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, poolProj] = cfg;
  const m = b.module(name, 'Module', { className: 'Inception', collapsed: true });
  const br1 = basicConv(b, from, m, 'branch1', { out_channels: ch1x1, kernel_size: 1 });
  const s2 = b.module('branch2', 'Sequential', { parent: m });
  const br2 = basicConv(b, basicConv(b, from, s2, '0', { out_channels: ch3x3red, kernel_size: 1 }), s2, '1', {
    out_channels: ch3x3,
    kernel_size: 3,
    padding: 1,
  });
  const s3 = b.module('branch3', 'Sequential', { parent: m });
  // torchvision uses kernel_size=3 here instead of the paper's 5 (pytorch/vision#906).
  const br3 = basicConv(b, basicConv(b, from, s3, '0', { out_channels: ch5x5red, kernel_size: 1 }), s3, '1', {
    out_channels: ch5x5,
    kernel_size: 3,
    padding: 1,
  });
  const s4 = b.module('branch4', 'Sequential', { parent: m });
  const pool = b.layer('MaxPool2d', { kernel_size: 3, stride: 1, padding: 1, ceil_mode: true }, from, { parent: s4 });
  const br4 = basicConv(b, pool, s4, '1', { out_channels: poolProj, kernel_size: 1 });
  return b.layer('Concat', { dim: 1 }, [br1, br2, br3, br4], { parent: m, functional: true });
}

export function buildGoogLeNet(): Graph {
  const b = new GraphBuilder(
    'GoogLeNet',
    'GoogLeNet / Inception v1 (torchvision, no auxiliary heads), 224x224 RGB, 1000 classes',
  );
  const pool = (from: string, name: string, k = 3) =>
    b.layer('MaxPool2d', { kernel_size: k, stride: 2, ceil_mode: true }, from, { name });
  let x = b.input([3, 224, 224]);
  x = basicConv(b, x, undefined, 'conv1', { out_channels: 64, kernel_size: 7, stride: 2, padding: 3 });
  x = pool(x, 'maxpool1');
  x = basicConv(b, x, undefined, 'conv2', { out_channels: 64, kernel_size: 1 });
  x = basicConv(b, x, undefined, 'conv3', { out_channels: 192, kernel_size: 3, padding: 1 });
  x = pool(x, 'maxpool2');
  x = inception(b, x, 'inception3a', [64, 96, 128, 16, 32, 32]);
  x = inception(b, x, 'inception3b', [128, 128, 192, 32, 96, 64]);
  x = pool(x, 'maxpool3');
  x = inception(b, x, 'inception4a', [192, 96, 208, 16, 48, 64]);
  x = inception(b, x, 'inception4b', [160, 112, 224, 24, 64, 64]);
  x = inception(b, x, 'inception4c', [128, 128, 256, 24, 64, 64]);
  x = inception(b, x, 'inception4d', [112, 144, 288, 32, 64, 64]);
  x = inception(b, x, 'inception4e', [256, 160, 320, 32, 128, 128]);
  x = pool(x, 'maxpool4', 2);
  x = inception(b, x, 'inception5a', [256, 160, 320, 32, 128, 128]);
  x = inception(b, x, 'inception5b', [384, 192, 384, 48, 128, 128]);
  x = b.layer('AdaptiveAvgPool2d', { output_size: [1, 1] }, x, { name: 'avgpool' });
  x = b.layer('Flatten', {}, x, { functional: true });
  x = b.layer('Dropout', { p: 0.2 }, x, { name: 'dropout' });
  b.layer('Linear', { out_features: 1000 }, x, { name: 'fc' });
  return b.build();
}
