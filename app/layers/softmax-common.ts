import { z } from 'zod';
import { err, ok } from '../result';
import { dim } from './fields';
import type { LayerHelp, LayerSpec } from './spec';
import { batchedDim, dimRangeMessage, oneInput } from './util';

const schema = z.strictObject({ dim: dim().nullable().default(null) });
export type SoftmaxParams = z.infer<typeof schema>;

/**
 * The dim PyTorch uses when `dim` is None (`_get_softmax_dim`, with a deprecation warning):
 * 0 for 0-, 1- and 3-dimensional batched inputs, else 1. Counted with the batch dimension.
 */
const implicitSoftmaxDim = (rank: number): number => ([0, 1, 3].includes(rank + 1) ? 0 : 1);

/**
 * The dim Softmax/LogSoftmax works along on the batched tensor, non-negative: `dim` as given, or
 * PyTorch's implicit one when it is None. The one rule the tfjs, ONNX and PyTorch targets share.
 */
export function softmaxBatchedDim(dim: number | null, sampleRank: number): number {
  const d = dim ?? implicitSoftmaxDim(sampleRank);
  return d < 0 ? d + sampleRank + 1 : d;
}

export function softmaxSpec(
  type: 'Softmax' | 'LogSoftmax',
  description: string,
  help: LayerHelp,
): LayerSpec<SoftmaxParams> {
  return {
    type,
    category: 'activation',
    description,
    inputs: { min: 1, max: 1 },
    schema,
    inferShape(inputs, p) {
      const x = oneInput(inputs, [0, 1, 2, 3, 4, 5, 6], 'a tensor');
      if (!x.ok) return x;
      if (p.dim !== null && batchedDim(p.dim, x.value.length) === null)
        return err(
          `dim: ${dimRangeMessage(p.dim, x.value.length)}; dims count the batch dimension as 0 (use dim=1 for [F])`,
        );
      return ok(x.value.slice());
    },
    parameters: () => [],
    buffers: () => [],
    macs: () => 0,
    repr: (_inputs, p) => `${type}(dim=${p.dim === null ? 'None' : p.dim})`,
    summary: (p) => (p.dim === null ? '' : `dim=${p.dim}`),
    isModule: true,
    help,
  };
}
