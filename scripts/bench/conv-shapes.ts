// The distinct convolutions of ResNet-18 and VGG-11-BN (torchvision's) on 3x32x32 inputs, batch 64,
// as [N, H, W, C] input, kernel, stride, padding, output channels: the cases that
// scripts/bench/conv-kernels.ts times on the engine and in PyTorch.
export interface ConvShape {
  name: string;
  model: 'resnet18' | 'vgg11_bn';
  /** How many times the step runs it. */
  count: number;
  x: [number, number, number, number];
  k: number;
  s: number;
  p: number;
  oc: number;
}

const N = 64;
export const CONV_SHAPES: ConvShape[] = [
  { name: 'conv1 7x7/2 3->64 @32', model: 'resnet18', count: 1, x: [N, 32, 32, 3], k: 7, s: 2, p: 3, oc: 64 },
  { name: 'layer1 3x3 64->64 @8', model: 'resnet18', count: 4, x: [N, 8, 8, 64], k: 3, s: 1, p: 1, oc: 64 },
  { name: 'layer2.0 3x3/2 64->128 @8', model: 'resnet18', count: 1, x: [N, 8, 8, 64], k: 3, s: 2, p: 1, oc: 128 },
  { name: 'layer2 3x3 128->128 @4', model: 'resnet18', count: 3, x: [N, 4, 4, 128], k: 3, s: 1, p: 1, oc: 128 },
  { name: 'layer3.0 3x3/2 128->256 @4', model: 'resnet18', count: 1, x: [N, 4, 4, 128], k: 3, s: 2, p: 1, oc: 256 },
  { name: 'layer3 3x3 256->256 @2', model: 'resnet18', count: 3, x: [N, 2, 2, 256], k: 3, s: 1, p: 1, oc: 256 },
  { name: 'layer4.0 3x3/2 256->512 @2', model: 'resnet18', count: 1, x: [N, 2, 2, 256], k: 3, s: 2, p: 1, oc: 512 },
  { name: 'layer4 3x3 512->512 @1', model: 'resnet18', count: 3, x: [N, 1, 1, 512], k: 3, s: 1, p: 1, oc: 512 },
  { name: 'vgg 3x3 3->64 @32', model: 'vgg11_bn', count: 1, x: [N, 32, 32, 3], k: 3, s: 1, p: 1, oc: 64 },
  { name: 'vgg 3x3 64->128 @16', model: 'vgg11_bn', count: 1, x: [N, 16, 16, 64], k: 3, s: 1, p: 1, oc: 128 },
  { name: 'vgg 3x3 128->256 @8', model: 'vgg11_bn', count: 1, x: [N, 8, 8, 128], k: 3, s: 1, p: 1, oc: 256 },
  { name: 'vgg 3x3 256->256 @8', model: 'vgg11_bn', count: 1, x: [N, 8, 8, 256], k: 3, s: 1, p: 1, oc: 256 },
  { name: 'vgg 3x3 256->512 @4', model: 'vgg11_bn', count: 1, x: [N, 4, 4, 256], k: 3, s: 1, p: 1, oc: 512 },
  { name: 'vgg 3x3 512->512 @4', model: 'vgg11_bn', count: 1, x: [N, 4, 4, 512], k: 3, s: 1, p: 1, oc: 512 },
  { name: 'vgg 3x3 512->512 @2', model: 'vgg11_bn', count: 2, x: [N, 2, 2, 512], k: 3, s: 1, p: 1, oc: 512 },
];

export function outSize(size: number, c: ConvShape): number {
  return Math.floor((size + 2 * c.p - c.k) / c.s) + 1;
}
