import { z } from 'zod';
import type { Shape } from '../../graph/types';
import { err, ok } from '../../result';
import { bool, inferredCount, intOrSingle, posInt } from '../fields';
import { pyTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { convOut, countFrom, mismatchMessage, numel, oneInput } from '../util';

const padding = z
  .union([intOrSingle(0), z.enum(['same', 'valid'])], { error: "must be a non-negative integer, 'same' or 'valid'" })
  .describe("must be a non-negative integer, 'same' or 'valid'");

const schema = z.strictObject({
  in_channels: inferredCount(),
  out_channels: posInt(),
  kernel_size: intOrSingle(1),
  stride: intOrSingle(1).default(1),
  padding: padding.default(0),
  dilation: intOrSingle(1).default(1),
  groups: posInt().default(1),
  bias: bool().default(true),
  padding_mode: z.enum(['zeros'], { error: "must be 'zeros' (the only mode Netloom compiles)" }).default('zeros'),
});
export type Conv1dParams = z.infer<typeof schema>;

/** Explicit [left, right] padding; 'same' pads d*(k-1) in total, the extra one on the right as PyTorch. */
export function conv1dPadding(p: Conv1dParams): [number, number] {
  if (p.padding === 'valid') return [0, 0];
  if (p.padding === 'same') {
    const total = p.dilation * (p.kernel_size - 1);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  }
  return [p.padding, p.padding];
}

const inCh = (inputs: Shape[], p: Conv1dParams) => countFrom(inputs, 0, p.in_channels);

function inferShape(inputs: Shape[], p: Conv1dParams) {
  const x = oneInput(inputs, [2], '[C, L]');
  if (!x.ok) return x;
  const [c, l] = x.value;
  if (p.in_channels !== null && p.in_channels !== c)
    return err(mismatchMessage('in_channels', p.in_channels, c, x.value, 'channels'));
  if (c % p.groups !== 0) return err(`in_channels (${c}) must be divisible by groups (${p.groups}): change groups`);
  if (p.out_channels % p.groups !== 0)
    return err(
      `out_channels (${p.out_channels}) must be divisible by groups (${p.groups}): change groups or out_channels`,
    );
  if (p.padding === 'same' && p.stride !== 1)
    return err(`padding='same' is not supported for strided convolutions: set stride to 1 or give padding as a number`);
  const [before, after] = conv1dPadding(p);
  const out = p.padding === 'same' ? l : convOut(l, p.kernel_size, p.stride, before, p.dilation);
  if (out < 1)
    return err(
      `kernel (${p.dilation * (p.kernel_size - 1) + 1} with dilation) is larger than the padded input (${l + before + after}): ` +
        `use a smaller kernel_size or dilation, or more padding`,
    );
  return ok([p.out_channels, out]);
}

export const conv1d: LayerSpec<Conv1dParams> = {
  type: 'Conv1d',
  category: 'conv',
  description: '1D convolution over [C, L] (nn.Conv1d): sequences, signals, audio.',
  inputs: { min: 1, max: 1 },
  schema,
  inferred: ['in_channels'],
  inferShape,
  fix(inputs, p) {
    const c = inputs[0]?.length === 2 ? inputs[0][0] : null;
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
    const out = [{ name: 'weight', shape: [p.out_channels, c / p.groups, p.kernel_size], trainable: true }];
    if (p.bias) out.push({ name: 'bias', shape: [p.out_channels], trainable: true });
    return out;
  },
  buffers: () => [],
  // MACs: every output element costs (in_channels / groups) * kernel_size multiply-adds; bias adds are not counted.
  macs: (inputs, output, p) => numel(output) * ((inCh(inputs, p) ?? 0) / p.groups) * p.kernel_size,
  repr(inputs, p) {
    const t = (v: number) => pyTuple([String(v)]);
    let s = `Conv1d(${inCh(inputs, p) ?? '?'}, ${p.out_channels}, kernel_size=${t(p.kernel_size)}, stride=${t(p.stride)}`;
    if (typeof p.padding === 'string') s += `, padding=${p.padding}`;
    else if (p.padding !== 0) s += `, padding=${t(p.padding)}`;
    if (p.dilation !== 1) s += `, dilation=${t(p.dilation)}`;
    if (p.groups !== 1) s += `, groups=${p.groups}`;
    if (!p.bias) s += ', bias=False';
    return `${s})`;
  },
  summary(p) {
    const parts = [`${p.out_channels}`, `k${p.kernel_size}`];
    if (p.stride !== 1) parts.push(`s${p.stride}`);
    if (typeof p.padding === 'string') parts.push(p.padding);
    else if (p.padding !== 0) parts.push(`p${p.padding}`);
    if (p.dilation !== 1) parts.push(`d${p.dilation}`);
    if (p.groups !== 1) parts.push(`g${p.groups}`);
    return parts.join(', ');
  },
  isModule: true,
  help: {
    summary:
      'Slides out_channels learned filters of kernel_size taps along a sequence [C, L] (a signal, audio, text embeddings as channels); each filter sees all input channels. Output length: L_out = floor((L + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1. Weights: out_channels x in_channels/groups x kernel_size, plus a bias per output channel.',
    params: {
      in_channels: 'Channels of the incoming tensor (C of [C, L]); inferred from the input shape.',
      out_channels: 'How many filters, so how many channels come out.',
      kernel_size: 'Taps per filter: how many neighbouring positions each output sees.',
      stride: 'Step between filter positions (default 1); stride=2 halves L.',
      padding:
        "Zeros added at each end (default 0); (kernel_size-1)/2 with stride 1 keeps L, as does 'same'; 'valid' is no padding.",
      dilation: 'Spacing between taps (default 1): a wider view without more weights.',
      groups:
        'Splits the channels into groups convolved separately (default 1); groups = in_channels is a depthwise convolution.',
      bias: 'Adds a learned constant per output channel (default True). Set False when a BatchNorm1d follows.',
      padding_mode: "What the padding is filled with; 'zeros' (PyTorch's default) is the mode Netloom compiles.",
    },
  },
};
