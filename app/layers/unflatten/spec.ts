import { z } from 'zod';
import { err, ok } from '../../result';
import { dim, MAX_INT } from '../fields';
import { fmtShape, pyTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { batchedDim, dimRangeMessage, numel, oneInput } from '../util';

const sizeMsg = 'must be a list of positive sizes (one of them may be -1 to infer it)';
const size = z
  .number({ error: sizeMsg })
  .int({ error: sizeMsg })
  .min(-1, { error: sizeMsg })
  .max(MAX_INT, { error: sizeMsg })
  .refine((v) => v !== 0, { error: sizeMsg });
const schema = z.strictObject({
  dim: dim(),
  unflattened_size: z.array(size, { error: sizeMsg }).min(1, { error: sizeMsg }).describe(sizeMsg),
});
export type UnflattenParams = z.infer<typeof schema>;

/** The sizes with a -1 resolved against `n`, or PyTorch's error. */
export function unflattenSizes(n: number, dimIndex: number, sizes: readonly number[]) {
  const free = sizes.filter((s) => s === -1).length;
  if (free > 1) return err('unflattened_size: only one dimension can be inferred (-1); give the other sizes');
  const known = numel(sizes.filter((s) => s !== -1));
  if (free === 1) {
    if (n % known !== 0)
      return err(
        `unflatten: Provided sizes ${fmtShape(sizes)} don't multiply up to the size of dim ${dimIndex} (${n}) in the input tensor: ${n} is not divisible by ${known}`,
      );
    return ok(sizes.map((s) => (s === -1 ? n / known : s)));
  }
  if (known !== n)
    return err(
      `unflatten: Provided sizes ${fmtShape(sizes)} don't multiply up to the size of dim ${dimIndex} (${n}) in the input tensor`,
    );
  return ok(sizes.slice());
}

export const unflatten: LayerSpec<UnflattenParams> = {
  type: 'Unflatten',
  category: 'reshape',
  description: 'Splits dim into the sizes unflattened_size (nn.Unflatten); dims count the batch dimension as 0.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [1, 2, 3, 4], 'a tensor');
    if (!x.ok) return x;
    const r = x.value.length;
    const d = batchedDim(p.dim, r);
    if (d === null) return err(`dim: ${dimRangeMessage(p.dim, r)}; dims count the batch dimension as 0`);
    if (d === 0) return err('dim=0 would split the batch dimension: dims count the batch as 0, so the channels are 1');
    const sizes = unflattenSizes(x.value[d - 1], d, p.unflattened_size);
    if (!sizes.ok) return sizes;
    const out = [...x.value.slice(0, d - 1), ...sizes.value, ...x.value.slice(d)];
    if (out.length > 5) return err(`gives ${fmtShape(out)}, more than the 5 dims per sample Netloom compiles`);
    return ok(out);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Unflatten(dim=${p.dim}, unflattened_size=${pyTuple(p.unflattened_size.map(String))})`,
  summary: (p) => `${p.dim}→${p.unflattened_size.join('×')}`,
  isModule: true,
  help: {
    summary:
      'The inverse of Flatten: splits one dim into several whose product is its size. After Linear(…, 16 * 7 * 7), Unflatten(1, (16, 7, 7)) turns [784] back into feature maps [16, 7, 7] for a decoder. No weights, no data moved.',
    params: {
      dim: 'The dim to split, counted with the batch as 0 (so 1 is the channels or features; negative counts from the end).',
      unflattened_size:
        'The sizes it is split into, e.g. [16, 7, 7]; their product must be the size of dim. One size may be -1 to have it computed.',
    },
  },
};
