/**
 * EfficientNet-B0 exactly as torchvision 0.14 builds it (width and depth 1.0, 1000 classes):
 * 5,288,548 parameters. `features` is a Sequential of a stem Conv2dNormActivation (Conv2d,
 * BatchNorm2d, SiLU), seven stages of MBConv blocks and a 1x1 Conv2dNormActivation to 1280
 * channels; then the `avgpool` module, torch.flatten and `classifier` (Dropout(0.2), Linear).
 *
 * Each MBConv holds `block`, a Sequential of an optional 1x1 expansion, the depthwise k x k
 * convolution, a SqueezeExcitation (SiLU, Sigmoid; squeeze to a quarter of the block's input
 * channels) and the linear 1x1 projection. A block with stride 1 and equal channels adds its input
 * after `stochastic_depth`: torchvision's StochasticDepth has no parameters and is the identity in
 * eval mode, so it is an Identity here (training does not drop rows; docs/guide/templates.md). A
 * block without the residual never calls its stochastic_depth, so it has none here.
 */
import type { Graph } from '../graph/types';
import { GraphBuilder } from './builder';
import { convNormAct, squeezeExcitation } from './mobile-blocks';

/** [expand_ratio, kernel, stride, input channels, output channels, layers], torchvision's B0 setting. */
const SETTING: readonly [number, number, number, number, number, number][] = [
  [1, 3, 1, 32, 16, 1],
  [6, 3, 2, 16, 24, 2],
  [6, 5, 2, 24, 40, 2],
  [6, 3, 2, 40, 80, 3],
  [6, 5, 1, 80, 112, 3],
  [6, 5, 2, 112, 192, 4],
  [6, 3, 1, 192, 320, 1],
];

/** torchvision's _make_divisible(v, 8): the nearest multiple of 8, never more than 10% below v. */
export function makeDivisible(v: number, divisor = 8): number {
  let n = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (n < 0.9 * v) n += divisor;
  return n;
}

function mbConv(
  b: GraphBuilder,
  x: string,
  parent: string,
  index: number,
  [t, k, stride, inp, oup]: readonly number[],
): string {
  const m = b.module(String(index), 'Module', { className: 'MBConv', parent, collapsed: true });
  const block = b.module('block', 'Sequential', { parent: m });
  const expanded = makeDivisible(inp * t);
  let y = x;
  let i = 0;
  if (expanded !== inp) y = convNormAct(b, y, block, i++, expanded, 1, 1, 1, 'SiLU');
  y = convNormAct(b, y, block, i++, expanded, k, stride, expanded, 'SiLU');
  y = squeezeExcitation(b, y, block, i++, expanded, Math.max(1, Math.floor(inp / 4)), 'SiLU');
  y = convNormAct(b, y, block, i, oup, 1, 1, 1, null);
  if (stride !== 1 || inp !== oup) return y;
  const sd = b.layer('Identity', {}, y, { parent: m, name: 'stochastic_depth' });
  return b.layer('Add', {}, [sd, x], { parent: m, functional: true });
}

export function buildEfficientNetB0(): Graph {
  const b = new GraphBuilder(
    'EfficientNet',
    'EfficientNet-B0 (torchvision efficientnet_b0), 224x224 RGB, 1000 classes',
  );
  const features = b.module('features', 'Sequential');
  let x = b.input([3, 224, 224]);
  x = convNormAct(b, x, features, 0, 32, 3, 2, 1, 'SiLU');
  SETTING.forEach(([t, k, s, inp, oup, n], stage) => {
    const seq = b.module(String(stage + 1), 'Sequential', { parent: features, collapsed: true });
    for (let j = 0; j < n; j++) x = mbConv(b, x, seq, j, [t, k, j === 0 ? s : 1, j === 0 ? inp : oup, oup]);
  });
  x = convNormAct(b, x, features, 8, 1280, 1, 1, 1, 'SiLU');
  x = b.layer('AdaptiveAvgPool2d', { output_size: 1 }, x, { name: 'avgpool' });
  x = b.layer('Flatten', {}, x, { functional: true });
  const classifier = b.module('classifier', 'Sequential');
  b.chain(x, [
    ['Dropout', { p: 0.2, inplace: true }, { parent: classifier, name: '0' }],
    ['Linear', { out_features: 1000 }, { parent: classifier, name: '1' }],
  ]);
  return b.build();
}
