/**
 * The building blocks of torchvision's mobile networks, with torchvision's module names:
 * Conv2dNormActivation, MobileNetV2's InvertedResidual, SqueezeExcitation and EfficientNet's MBConv.
 * Used by the MobileNetV2 and EfficientNet-B0 templates and by the palette's ready-made blocks.
 */
import type { GraphBuilder } from './builder';

export type Act = 'ReLU6' | 'SiLU' | 'ReLU' | 'Hardswish' | null;

/**
 * Conv2d (no bias), BatchNorm2d and the activation (inplace, none for a linear projection) as
 * torchvision's Conv2dNormActivation, a Sequential named `name` inside `parent`.
 */
export function convNormAct(
  b: GraphBuilder,
  x: string,
  parent: string,
  name: string | number,
  out: number,
  k: number,
  stride: number,
  groups: number,
  act: Act,
): string {
  const m = b.module(String(name), 'Sequential', { className: 'Conv2dNormActivation', parent });
  const y = b.chain(x, [
    [
      'Conv2d',
      { out_channels: out, kernel_size: k, stride, padding: (k - 1) / 2, groups, bias: false },
      { parent: m, name: '0' },
    ],
    ['BatchNorm2d', {}, { parent: m, name: '1' }],
  ]);
  return act === null
    ? y
    : b.layer(act, act === 'ReLU6' || act === 'SiLU' || act === 'ReLU' ? { inplace: true } : {}, y, {
        parent: m,
        name: '2',
      });
}

/** MobileNetV2's InvertedResidual `index` inside `parent`: expand 1x1, depthwise 3x3, project 1x1; Add when stride 1 and equal channels. */
export function invertedResidual(
  b: GraphBuilder,
  x: string,
  parent: string | undefined,
  index: number | string,
  inp: number,
  oup: number,
  stride: number,
  t: number,
  collapsed = true,
): string {
  const block = b.module(String(index), 'Module', { className: 'InvertedResidual', parent, collapsed });
  const conv = b.module('conv', 'Sequential', { parent: block });
  const hidden = Math.round(inp * t);
  let y = x;
  let k = 0;
  if (t !== 1) y = convNormAct(b, y, conv, k++, hidden, 1, 1, 1, 'ReLU6');
  y = convNormAct(b, y, conv, k++, hidden, 3, stride, hidden, 'ReLU6');
  y = b.chain(y, [
    [
      'Conv2d',
      { out_channels: oup, kernel_size: 1, stride: 1, padding: 0, bias: false },
      { parent: conv, name: String(k++) },
    ],
    ['BatchNorm2d', {}, { parent: conv, name: String(k) }],
  ]);
  return stride === 1 && inp === oup ? b.layer('Add', {}, [x, y], { parent: block, functional: true }) : y;
}

/**
 * torchvision.ops.SqueezeExcitation named `name` inside `parent` (a Module when `parent` is absent
 * it sits at the root): avgpool, fc1 (1x1 Conv2d to `squeeze` channels), activation, fc2 (back to
 * `channels`), scale_activation, then `scale * input` (a functional Mul). Registered in
 * torchvision's order (fc2 before activation), so children() and state_dict() match.
 */
export function squeezeExcitation(
  b: GraphBuilder,
  x: string,
  parent: string | undefined,
  name: string | number,
  channels: number,
  squeeze: number,
  act: 'ReLU' | 'SiLU' = 'ReLU',
  scaleAct: 'Sigmoid' | 'Hardsigmoid' = 'Sigmoid',
  collapsed = false,
): string {
  const m = b.module(String(name), 'Module', { className: 'SqueezeExcitation', parent, collapsed });
  const pool = b.layer('AdaptiveAvgPool2d', { output_size: 1 }, x, { parent: m, name: 'avgpool' });
  const fc1 = b.layer('Conv2d', { out_channels: squeeze, kernel_size: 1 }, pool, { parent: m, name: 'fc1' });
  const fc2 = b.layer('Conv2d', { out_channels: channels, kernel_size: 1 }, undefined, { parent: m, name: 'fc2' });
  const a = b.layer(act, act === 'SiLU' ? { inplace: true } : {}, fc1, { parent: m, name: 'activation' });
  b.connect(a, fc2);
  const scale = b.layer(scaleAct, {}, fc2, { parent: m, name: 'scale_activation' });
  return b.layer('Mul', {}, [scale, x], { parent: m });
}
