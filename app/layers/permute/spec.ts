import { z } from 'zod';
import { err, ok } from '../../result';
import { dim } from '../fields';
import { pyTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { batchedDim, dimRangeMessage, oneInput } from '../util';

const msg = 'must be a list of dimensions, the batch dimension 0 first (0, 2, 3, 1 puts the channels last)';
const schema = z.strictObject({
  dims: z.array(dim(), { error: msg }).min(2, { error: msg }).describe(msg),
});
export type PermuteParams = z.infer<typeof schema>;

/** The permutation normalized to 0..rank (rank counts the batch), or PyTorch's error. */
export function permuteDims(rank: number, dims: readonly number[]) {
  if (dims.length !== rank + 1)
    return err(
      `number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${rank + 1} is not equal to len(dims) = ${dims.length}: list each of 0..${rank} once`,
    );
  const out: number[] = [];
  for (const d of dims) {
    const b = batchedDim(d, rank);
    if (b === null) return err(`dims: ${dimRangeMessage(d, rank)}; dims count the batch dimension as 0`);
    if (out.includes(b))
      return err(`permute(): duplicate dims are not allowed (${b} appears twice): list each of 0..${rank} once`);
    out.push(b);
  }
  if (out[0] !== 0) return err('dims must keep the batch dimension first: start dims with 0');
  return ok(out);
}

export const permute: LayerSpec<PermuteParams> = {
  type: 'Permute',
  category: 'reshape',
  description: 'Reorders the dims (x.permute(*dims)); dims count the batch as 0 and keep it first.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [1, 2, 3, 4], 'a tensor');
    if (!x.ok) return x;
    const dims = permuteDims(x.value.length, p.dims);
    if (!dims.ok) return dims;
    return ok(dims.value.slice(1).map((d) => x.value[d - 1]));
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Permute(dims=${pyTuple(p.dims.map(String))})`,
  summary: (p) => p.dims.join(', '),
  isModule: false,
  help: {
    summary:
      'Reorders the dims of the tensor, x.permute(0, 2, 3, 1) in PyTorch (a tensor method, not a module): [C, H, W] with dims (0, 2, 3, 1) becomes [H, W, C], channels last, as ConvNeXt does before its LayerNorm and Linear layers. The values are not changed, only their order. No weights.',
    params: {
      dims: 'The new order of the dims, counted with the batch as 0, which must stay first: each of 0..rank once. (0, 2, 3, 1) moves the channels last; (0, 3, 1, 2) moves them back.',
    },
  },
};
