/**
 * ResNet-18/34/50 exactly as torchvision 0.14 builds them (ResNet v1.5: the stride sits on the
 * 3x3 conv of a Bottleneck). Each block registers one `relu` module and applies it two or
 * three times: the later calls are nodes with `shares`. The residual sum is a functional Add,
 * `downsample` a Sequential(conv1x1, BatchNorm2d) where the shape changes.
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';

export type ResNetDepth = 18 | 34 | 50;

const LAYERS: Record<ResNetDepth, { bottleneck: boolean; blocks: [number, number, number, number] }> = {
  18: { bottleneck: false, blocks: [2, 2, 2, 2] },
  34: { bottleneck: false, blocks: [3, 4, 6, 3] },
  50: { bottleneck: true, blocks: [3, 4, 6, 3] },
};

const conv = (out: number, k: 1 | 3, stride = 1) =>
  k === 3
    ? { out_channels: out, kernel_size: 3, stride, padding: 1, bias: false }
    : { out_channels: out, kernel_size: 1, stride, bias: false };

interface BlockArgs {
  parent: string;
  name: string;
  planes: number;
  stride: number;
  /** inplanes != planes * expansion or stride != 1 */
  downsample: boolean;
}

function downsample(b: GraphBuilder, x: string, block: string, out: number, stride: number): string {
  const ds = b.module('downsample', 'Sequential', { parent: block });
  const c = b.layer('Conv2d', conv(out, 1, stride), x, { parent: ds });
  return b.layer('BatchNorm2d', {}, c, { parent: ds });
}

function basicBlock(b: GraphBuilder, x: string, a: BlockArgs): string {
  const m = b.module(a.name, 'Module', { className: 'BasicBlock', parent: a.parent, collapsed: true });
  const c1 = b.layer('Conv2d', conv(a.planes, 3, a.stride), x, { parent: m, name: 'conv1' });
  const b1 = b.layer('BatchNorm2d', {}, c1, { parent: m, name: 'bn1' });
  const relu = b.layer('ReLU', { inplace: true }, b1, { parent: m, name: 'relu' });
  const c2 = b.layer('Conv2d', conv(a.planes, 3), relu, { parent: m, name: 'conv2' });
  const b2 = b.layer('BatchNorm2d', {}, c2, { parent: m, name: 'bn2' });
  const identity = a.downsample ? downsample(b, x, m, a.planes, a.stride) : x;
  const sum = b.layer('Add', {}, [b2, identity], { parent: m, functional: true });
  return b.layer('ReLU', { inplace: true }, sum, { parent: m, shares: relu });
}

function bottleneck(b: GraphBuilder, x: string, a: BlockArgs): string {
  const m = b.module(a.name, 'Module', { className: 'Bottleneck', parent: a.parent, collapsed: true });
  const out = a.planes * 4;
  // Document order follows torchvision's __init__ (conv1 bn1 conv2 bn2 conv3 bn3 relu downsample),
  // which is the children() order; the edges follow forward.
  const c1 = b.layer('Conv2d', conv(a.planes, 1), x, { parent: m, name: 'conv1' });
  const b1 = b.layer('BatchNorm2d', {}, c1, { parent: m, name: 'bn1' });
  const c2 = b.layer('Conv2d', conv(a.planes, 3, a.stride), undefined, { parent: m, name: 'conv2' });
  const b2 = b.layer('BatchNorm2d', {}, c2, { parent: m, name: 'bn2' });
  const c3 = b.layer('Conv2d', conv(out, 1), undefined, { parent: m, name: 'conv3' });
  const b3 = b.layer('BatchNorm2d', {}, c3, { parent: m, name: 'bn3' });
  const relu = b.layer('ReLU', { inplace: true }, b1, { parent: m, name: 'relu' });
  b.connect(relu, c2);
  b.connect(b.layer('ReLU', { inplace: true }, b2, { parent: m, shares: relu }), c3);
  const identity = a.downsample ? downsample(b, x, m, out, a.stride) : x;
  const sum = b.layer('Add', {}, [b3, identity], { parent: m, functional: true });
  return b.layer('ReLU', { inplace: true }, sum, { parent: m, shares: relu });
}

export function buildResNet(depth: ResNetDepth): Graph {
  const cfg = LAYERS[depth];
  const expansion = cfg.bottleneck ? 4 : 1;
  const block = cfg.bottleneck ? bottleneck : basicBlock;
  const b = new GraphBuilder('ResNet', `ResNet-${depth} (torchvision), 224x224 RGB, 1000 classes`);
  let x = b.input([3, 224, 224]);
  x = b.layer('Conv2d', { out_channels: 64, kernel_size: 7, stride: 2, padding: 3, bias: false }, x, { name: 'conv1' });
  x = b.layer('BatchNorm2d', {}, x, { name: 'bn1' });
  x = b.layer('ReLU', { inplace: true }, x, { name: 'relu' });
  x = b.layer('MaxPool2d', { kernel_size: 3, stride: 2, padding: 1 }, x, { name: 'maxpool' });
  let inplanes = 64;
  cfg.blocks.forEach((count, i) => {
    const planes = 64 * 2 ** i;
    const stride = i === 0 ? 1 : 2;
    const layer = b.module(`layer${i + 1}`, 'Sequential', { collapsed: true });
    for (let j = 0; j < count; j++) {
      const s = j === 0 ? stride : 1;
      const ds = j === 0 && (s !== 1 || inplanes !== planes * expansion);
      x = block(b, x, { parent: layer, name: String(j), planes, stride: s, downsample: ds });
      inplanes = planes * expansion;
    }
  });
  x = b.layer('AdaptiveAvgPool2d', { output_size: [1, 1] }, x, { name: 'avgpool' });
  x = b.layer('Flatten', {}, x, { functional: true });
  b.layer('Linear', { out_features: 1000 }, x, { name: 'fc' });
  return b.build();
}
