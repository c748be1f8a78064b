import { z } from 'zod';
import { err, ok } from '../../result';
import { bool, dim } from '../fields';
import { pyBool, pyIntOrTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { batchedDim, dimRangeMessage, oneInput } from '../util';

const msg = 'must be a dimension or a list of dimensions (counted with the batch dimension)';
const schema = z.strictObject({
  // torch.mean's dim has no default (none is every dim, the batch too); [2, 3] is the global average over H and W.
  dim: z
    .union([dim(), z.array(dim()).min(1, { error: msg })], { error: msg })
    .describe(msg)
    .default([2, 3]),
  keepdim: bool().default(false),
});
export type MeanParams = z.infer<typeof schema>;

export const dimsOf = (p: MeanParams): number[] => (typeof p.dim === 'number' ? [p.dim] : p.dim);

/** The reduced dims counted with the batch (1..rank), or an error as PyTorch words it. */
export function meanDims(rank: number, p: MeanParams): { ok: true; value: number[] } | { ok: false; error: string } {
  const out: number[] = [];
  for (const d of dimsOf(p)) {
    const b = batchedDim(d, rank);
    if (b === null) return err(`dim: ${dimRangeMessage(d, rank)}; dims count the batch dimension as 0`);
    if (b === 0)
      return err(
        'dim: a mean over the batch dimension (0) mixes samples; dims count the batch as 0, so the channels are 1',
      );
    if (out.includes(b)) return err(`dim ${b} appears multiple times in the list of dims`);
    out.push(b);
  }
  return ok(out.sort((a, q) => a - q));
}

export const mean: LayerSpec<MeanParams> = {
  type: 'Mean',
  category: 'reshape',
  description:
    'Mean over the given dims (`x.mean(dim, keepdim)`; dims count the batch as 0): `[2, 3]` averages H and W, as MNASNet does.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [1, 2, 3, 4, 5], 'a tensor');
    if (!x.ok) return x;
    const dims = meanDims(x.value.length, p);
    if (!dims.ok) return dims;
    return ok(
      p.keepdim
        ? x.value.map((s, i) => (dims.value.includes(i + 1) ? 1 : s))
        : x.value.filter((_, i) => !dims.value.includes(i + 1)),
    );
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Mean(dim=${pyIntOrTuple(p.dim)}, keepdim=${pyBool(p.keepdim)})`,
  summary: (p) => `${JSON.stringify(p.dim)}${p.keepdim ? ' keep' : ''}`,
  isModule: false,
  help: {
    summary:
      'Averages the input over the dims in dim (x.mean(dim, keepdim)). With dim [2, 3] on [C, H, W] it is global average pooling: each channel becomes one number, [C], as AdaptiveAvgPool2d(1) plus Flatten would give. The squeeze step of squeeze-excitation uses it with keepdim=True to get [C, 1, 1]. No weights.',
    params: {
      dim: 'The dim or list of dims to average over, counted with the batch as 0 so the channels are 1 (here [2, 3], H and W; torch.mean has no default and would then average everything). The batch dim cannot be averaged.',
      keepdim:
        'Keep each averaged dim as size 1 instead of removing it (default False): [C, H, W] becomes [C, 1, 1] rather than [C], ready to broadcast in a Mul.',
    },
  },
};
