import { z } from 'zod';
import type { Shape } from '../../graph/types';
import { err, ok } from '../../result';
import { bool, inferredCount, intOrPair, pair, posInt } from '../fields';
import { pyIntOrTuple, pyTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { countFrom, mismatchMessage, numel, oneInput } from '../util';

const schema = z.strictObject({
  in_channels: inferredCount(),
  out_channels: posInt(),
  kernel_size: intOrPair(1),
  stride: intOrPair(1).default(1),
  padding: intOrPair(0).default(0),
  output_padding: intOrPair(0).default(0),
  groups: posInt().default(1),
  bias: bool().default(true),
  dilation: intOrPair(1).default(1),
  padding_mode: z.enum(['zeros'], { error: "must be 'zeros' (the only mode PyTorch allows here)" }).default('zeros'),
});
export type ConvTranspose2dParams = z.infer<typeof schema>;

/** PyTorch's output size of a transposed convolution along one axis. */
export const convTransposeOut = (n: number, k: number, s: number, p: number, op: number, d: number): number =>
  (n - 1) * s - 2 * p + d * (k - 1) + op + 1;

const inCh = (inputs: Shape[], p: ConvTranspose2dParams) => countFrom(inputs, 0, p.in_channels);
const fmt = (v: [number, number]) => (v[0] === v[1] ? String(v[0]) : `(${v.join(', ')})`);

function inferShape(inputs: Shape[], p: ConvTranspose2dParams) {
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
  const [k, s, pad, op, d] = [p.kernel_size, p.stride, p.padding, p.output_padding, p.dilation].map(pair);
  if ([0, 1].some((i) => op[i] >= s[i] && op[i] >= d[i]))
    return err(
      `output_padding ${fmt(op)} must be smaller than either stride ${fmt(s)} or dilation ${fmt(d)} (PyTorch rejects it): ` +
        `lower output_padding or raise stride`,
    );
  const oh = convTransposeOut(h, k[0], s[0], pad[0], op[0], d[0]);
  const ow = convTransposeOut(w, k[1], s[1], pad[1], op[1], d[1]);
  if (oh < 1 || ow < 1)
    return err(
      `input ${h} x ${w} gives output ${oh} x ${ow}, too small (PyTorch: "Output size is too small"): ` +
        `lower padding or use a larger kernel_size or stride`,
    );
  return ok([p.out_channels, oh, ow]);
}

export const convTranspose2d: LayerSpec<ConvTranspose2dParams> = {
  type: 'ConvTranspose2d',
  category: 'conv',
  description: '2D transposed convolution over [C, H, W] (nn.ConvTranspose2d): learned upsampling.',
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
    const out = [{ name: 'weight', shape: [c, p.out_channels / p.groups, k[0], k[1]], trainable: true }];
    if (p.bias) out.push({ name: 'bias', shape: [p.out_channels], trainable: true });
    return out;
  },
  buffers: () => [],
  // MACs: every input element is multiplied into (out_channels / groups) * kh * kw outputs; bias adds are not counted.
  macs(inputs, _output, p) {
    const k = pair(p.kernel_size);
    return numel(inputs[0] ?? []) * (p.out_channels / p.groups) * k[0] * k[1];
  },
  repr(inputs, p) {
    const t = (v: number | [number, number]) => pyTuple(pair(v).map(String));
    const nonzero = (v: number | [number, number], base: number) => pair(v).some((x) => x !== base);
    let s = `ConvTranspose2d(${inCh(inputs, p) ?? '?'}, ${p.out_channels}, kernel_size=${t(p.kernel_size)}, stride=${t(p.stride)}`;
    if (nonzero(p.padding, 0)) s += `, padding=${pyIntOrTuple(pair(p.padding))}`;
    if (nonzero(p.dilation, 1)) s += `, dilation=${pyIntOrTuple(pair(p.dilation))}`;
    if (nonzero(p.output_padding, 0)) s += `, output_padding=${pyIntOrTuple(pair(p.output_padding))}`;
    if (p.groups !== 1) s += `, groups=${p.groups}`;
    if (!p.bias) s += ', bias=False';
    return `${s})`;
  },
  summary(p) {
    const one = (v: number | [number, number]) => fmt(pair(v)).replace(/[() ]/g, '').replace(',', 'x');
    const parts = [`${p.out_channels}`, `k${one(p.kernel_size)}`];
    if (pair(p.stride).some((v) => v !== 1)) parts.push(`s${one(p.stride)}`);
    if (pair(p.padding).some((v) => v !== 0)) parts.push(`p${one(p.padding)}`);
    if (pair(p.output_padding).some((v) => v !== 0)) parts.push(`op${one(p.output_padding)}`);
    if (p.groups !== 1) parts.push(`g${p.groups}`);
    return parts.join(', ');
  },
  isModule: true,
  help: {
    summary:
      'Learned upsampling, the gradient of a Conv2d run forwards: each input pixel scatters a kernel_size x kernel_size patch, weighted per channel, into a larger output (decoders, U-Nets, GAN generators). Output size per side: H_out = (H - 1)*stride - 2*padding + dilation*(kernel_size-1) + output_padding + 1; kernel_size=2, stride=2 doubles H and W. Weights: in_channels x out_channels/groups x k x k, plus a bias per output channel.',
    params: {
      in_channels: 'Channels of the incoming tensor (C of [C, H, W]); inferred from the input shape.',
      out_channels: 'How many feature maps come out: the C of the output.',
      kernel_size: 'Height and width of the patch each input pixel writes (2 with stride 2 doubles the size exactly).',
      stride: 'Spacing of the patches in the output (default 1); stride=2 roughly doubles H and W.',
      padding:
        'Rows and columns removed from each border of the result (default 0): the inverse of the padding of the Conv2d this layer undoes, so kernel_size=3, stride=2, padding=1 mirrors that Conv2d.',
      output_padding:
        'Extra rows and columns added at the bottom and right (default 0), to reach the even size a strided Conv2d rounded away; must be smaller than stride or dilation.',
      groups:
        'Splits the channels into groups handled separately (default 1); in_channels and out_channels must both divide by groups.',
      bias: 'Adds a learned constant per output channel (default True).',
      dilation: 'Spacing between kernel taps (default 1).',
      padding_mode: "What the padding is filled with; PyTorch allows only 'zeros' for transposed convolutions.",
    },
  },
};
