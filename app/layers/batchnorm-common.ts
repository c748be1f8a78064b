import { z } from 'zod';
import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import { bool, inferredCount, positiveFloat } from './fields';
import { pyBool, pyFloat } from './pyrepr';
import type { LayerFix, LayerHelp, LayerSpec } from './spec';
import { mismatchMessage, oneInput } from './util';

const momentumMsg = 'must be a number between 0 and 1, or empty for a cumulative average';
export const batchNormSchema = z.strictObject({
  num_features: inferredCount(),
  eps: positiveFloat().default(1e-5),
  momentum: z
    .number({ error: momentumMsg })
    .min(0, { error: momentumMsg })
    .max(1, { error: momentumMsg })
    .describe(momentumMsg)
    .nullable()
    .default(0.1),
  affine: bool().default(true),
  track_running_stats: bool().default(true),
});
export type BatchNormParams = z.infer<typeof batchNormSchema>;

/** As the module is built: the param when given (as PyTorch's constructor), else from the input. */
const features = (inputs: Shape[], p: BatchNormParams) => p.num_features ?? inputs[0]?.[0] ?? null;

/** BatchNorm1d ([F] or [C, L] per sample) and BatchNorm2d ([C, H, W]) differ only in the ranks they take. */
export function batchNormSpec(
  type: 'BatchNorm1d' | 'BatchNorm2d',
  ranks: number[],
  what: string,
  help: LayerHelp,
): LayerSpec<BatchNormParams> {
  const inferShape = (inputs: Shape[], p: BatchNormParams): Result<Shape> => {
    const x = oneInput(inputs, ranks, what);
    if (!x.ok) return x;
    const c = x.value[0];
    if (p.num_features !== null && p.num_features !== c)
      return err(
        mismatchMessage(
          'num_features',
          p.num_features,
          c,
          x.value,
          ranks.length > 1 ? 'features/channels' : 'channels',
        ),
      );
    return ok(x.value);
  };
  return {
    type,
    category: 'norm',
    description: `Batch normalization over ${what} (nn.${type}); num_features is taken from the input.`,
    inputs: { min: 1, max: 1 },
    schema: batchNormSchema,
    inferred: ['num_features'],
    inferShape,
    fix(inputs, p): LayerFix | undefined {
      const c = inputs[0]?.[0];
      if (c !== undefined && p.num_features !== null && p.num_features !== c)
        return { kind: 'setParam', param: 'num_features', value: c, label: `Set num_features to ${c}` };
      return undefined;
    },
    infer: (inputs): Record<string, number> => {
      const c = inputs[0]?.[0];
      return c === undefined ? {} : { num_features: c };
    },
    parameters(inputs, p) {
      const c = features(inputs, p) ?? 0;
      return p.affine
        ? [
            { name: 'weight', shape: [c], trainable: true },
            { name: 'bias', shape: [c], trainable: true },
          ]
        : [];
    },
    buffers(inputs, p) {
      const c = features(inputs, p) ?? 0;
      return p.track_running_stats
        ? [
            { name: 'running_mean', shape: [c], trainable: false },
            { name: 'running_var', shape: [c], trainable: false },
            { name: 'num_batches_tracked', shape: [], trainable: false },
          ]
        : [];
    },
    // Convention: normalization counts no MACs (it folds into the neighbouring conv/linear at inference).
    macs: () => 0,
    repr: (inputs, p) =>
      `${type}(${features(inputs, p) ?? '?'}, eps=${pyFloat(p.eps)}, momentum=${p.momentum === null ? 'None' : pyFloat(p.momentum)}, ` +
      `affine=${pyBool(p.affine)}, track_running_stats=${pyBool(p.track_running_stats)})`,
    summary: (p) => [p.num_features ?? '', p.affine ? '' : 'no affine'].filter((v) => v !== '').join(', '),
    isModule: true,
    help,
  };
}
