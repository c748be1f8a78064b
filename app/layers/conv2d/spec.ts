import { z } from 'zod';
import type { Shape } from '../../graph/types';
import { err, ok } from '../../result';
import { bool, inferredCount, intOrPair, pair, posInt } from '../fields';
import { pyIntOrTuple, pyTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { convOut, countFrom, mismatchMessage, numel, oneInput } from '../util';

const padding = z
  .union([intOrPair(0), z.enum(['same', 'valid'])], {
    error: "must be a non-negative integer, a pair, 'same' or 'valid'",
  })
  .describe("must be a non-negative integer, a pair, 'same' or 'valid'");

const schema = z.strictObject({
  in_channels: inferredCount(),
  out_channels: posInt(),
  kernel_size: intOrPair(1),
  stride: intOrPair(1).default(1),
  padding: padding.default(0),
  dilation: intOrPair(1).default(1),
  groups: posInt().default(1),
  bias: bool().default(true),
  padding_mode: z.enum(['zeros'], { error: "must be 'zeros' (the only mode Netloom compiles)" }).default('zeros'),
});
export type Conv2dParams = z.infer<typeof schema>;

/** Explicit [top/bottom, left/right] padding; 'same' pads d*(k-1) in total, the extra one on the right as PyTorch. */
export function conv2dPadding(p: Conv2dParams): { before: [number, number]; after: [number, number] } {
  const k = pair(p.kernel_size);
  const d = pair(p.dilation);
  if (p.padding === 'valid') return { before: [0, 0], after: [0, 0] };
  if (p.padding === 'same') {
    const total = [d[0] * (k[0] - 1), d[1] * (k[1] - 1)];
    const before: [number, number] = [Math.floor(total[0] / 2), Math.floor(total[1] / 2)];
    return { before, after: [total[0] - before[0], total[1] - before[1]] };
  }
  const pp = pair(p.padding);
  return { before: pp, after: pp };
}

const inCh = (inputs: Shape[], p: Conv2dParams) => countFrom(inputs, 0, p.in_channels);

function inferShape(inputs: Shape[], p: Conv2dParams) {
  const x = oneInput(inputs, [3], '[C, H, W]');
  if (!x.ok) return x;
  const [c, h, w] = x.value;
  if (p.in_channels !== null && p.in_channels !== c)
    return err(mismatchMessage('in_channels', p.in_channels, c, x.value, 'channels'));
  if (c % p.groups !== 0) return err(`in_channels (${c}) must be divisible by groups (${p.groups}): change groups`);
  if (p.out_channels % p.groups !== 0)
    return err(
      `out_channels (${p.out_channels}) must be divisible by groups (${p.groups}): change groups or out_channels`,
    );
  const s = pair(p.stride);
  if (p.padding === 'same' && (s[0] !== 1 || s[1] !== 1))
    return err(`padding='same' is not supported for strided convolutions: set stride to 1 or give padding as a number`);
  const k = pair(p.kernel_size);
  const d = pair(p.dilation);
  const pad = conv2dPadding(p);
  const oh = p.padding === 'same' ? h : convOut(h, k[0], s[0], pad.before[0], d[0]);
  const ow = p.padding === 'same' ? w : convOut(w, k[1], s[1], pad.before[1], d[1]);
  if (oh < 1 || ow < 1) {
    const eh = d[0] * (k[0] - 1) + 1;
    const ew = d[1] * (k[1] - 1) + 1;
    return err(
      `kernel (${eh} x ${ew} with dilation) is larger than the padded input (${h + pad.before[0] + pad.after[0]} x ${w + pad.before[1] + pad.after[1]}): ` +
        `use a smaller kernel_size or dilation, or more padding`,
    );
  }
  return ok([p.out_channels, oh, ow]);
}

export const conv2d: LayerSpec<Conv2dParams> = {
  type: 'Conv2d',
  category: 'conv',
  description: '2D convolution over [C, H, W] (nn.Conv2d).',
  inputs: { min: 1, max: 1 },
  schema,
  inferred: ['in_channels'],
  inferShape,
  fix(inputs, p) {
    const c = inputs[0]?.length === 3 ? inputs[0][0] : null;
    if (c !== null && p.in_channels !== null && p.in_channels !== c)
      return { kind: 'setParam', param: 'in_channels', value: c, label: `Set in_channels to ${c}` };
    return undefined;
  },
  infer: (inputs): Record<string, number> => {
    const c = inputs[0]?.[0];
    return c === undefined ? {} : { in_channels: c };
  },
  parameters(inputs, p) {
    const c = inCh(inputs, p) ?? 0;
    const k = pair(p.kernel_size);
    const out = [{ name: 'weight', shape: [p.out_channels, c / p.groups, k[0], k[1]], trainable: true }];
    if (p.bias) out.push({ name: 'bias', shape: [p.out_channels], trainable: true });
    return out;
  },
  buffers: () => [],
  // MACs: every output element costs (in_channels / groups) * kh * kw multiply-adds; bias adds are not counted.
  macs(inputs, output, p) {
    const k = pair(p.kernel_size);
    return numel(output) * ((inCh(inputs, p) ?? 0) / p.groups) * k[0] * k[1];
  },
  repr(inputs, p) {
    const t = (v: number | [number, number]) => pyTuple(pair(v).map(String));
    let s = `Conv2d(${inCh(inputs, p) ?? '?'}, ${p.out_channels}, kernel_size=${t(p.kernel_size)}, stride=${t(p.stride)}`;
    if (typeof p.padding === 'string') s += `, padding=${p.padding}`;
    else if (pair(p.padding).some((v) => v !== 0)) s += `, padding=${pyIntOrTuple(pair(p.padding))}`;
    if (pair(p.dilation).some((v) => v !== 1)) s += `, dilation=${pyIntOrTuple(pair(p.dilation))}`;
    if (p.groups !== 1) s += `, groups=${p.groups}`;
    if (!p.bias) s += ', bias=False';
    return `${s})`;
  },
  summary(p) {
    const k = pair(p.kernel_size);
    const parts = [`${p.out_channels}`, k[0] === k[1] ? `k${k[0]}` : `k${k[0]}x${k[1]}`];
    const s = pair(p.stride);
    if (s[0] !== 1 || s[1] !== 1) parts.push(s[0] === s[1] ? `s${s[0]}` : `s${s[0]}x${s[1]}`);
    if (typeof p.padding === 'string') parts.push(p.padding);
    else if (pair(p.padding).some((v) => v !== 0))
      parts.push(
        `p${pair(p.padding)
          .join('x')
          .replace(/^(\d+)x\1$/, '$1')}`,
      );
    if (p.groups !== 1) parts.push(`g${p.groups}`);
    return parts.join(', ');
  },
  isModule: true,
  help: {
    summary:
      'Slides out_channels learned kernel_size x kernel_size filters over the image; each filter sees all input channels and produces one feature map. Output size per side: H_out = floor((H + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1. Weights: out_channels x in_channels/groups x k x k, plus a bias per output channel.',
    params: {
      in_channels:
        'Channels of the incoming tensor (C of [C, H, W]); inferred from the input shape, as nn.LazyConv2d would.',
      out_channels:
        'How many filters, so how many feature maps come out: the C of the output. More filters learn more patterns and cost more parameters.',
      kernel_size:
        'Height and width of each filter (3 means 3x3). A bigger kernel sees a larger patch; two 3x3 convs see as far as one 5x5 with fewer weights.',
      stride:
        'Step between filter positions (PyTorch default 1). stride=2 halves H and W, a learned alternative to pooling.',
      padding:
        'Zeros added on each border (default 0). padding = (kernel_size-1)/2 with stride 1 keeps H and W ("same" padding: k=3 -> padding=1, k=5 -> padding=2); 0 shrinks each side by kernel_size-1.',
      dilation:
        'Spacing between kernel taps (default 1). dilation=2 spreads a 3x3 kernel over 5x5 pixels: a wider view without more weights.',
      groups:
        'Splits the channels into groups convolved separately (default 1). groups = in_channels is a depthwise convolution; in_channels and out_channels must both divide by groups.',
      bias: 'Adds a learned constant per output channel (default True). Set False when a BatchNorm follows: its beta does the same job.',
      padding_mode: "What the padding is filled with; 'zeros' (PyTorch's default) is the mode Netloom compiles.",
    },
  },
};
