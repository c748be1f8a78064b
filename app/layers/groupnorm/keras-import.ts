import type { KerasImport, KerasImportContext } from '../../importers/kind-import';
import { f32 } from '../../importers/onnx-types';

/**
 * Keras's GroupNormalization (Keras 3 and tf.keras >= 2.11: `groups` default 32, -1 for one group per
 * channel; `axis` default -1; `epsilon` default 1e-3; `center`/`scale`; weights gamma and beta [C])
 * as GroupNorm(groups, C, eps=epsilon). Keras groups consecutive channels ([..., C] reshaped to
 * [..., groups, C / groups]), as PyTorch does, so gamma and beta are PyTorch's weight and bias as
 * they are; only `center` or only `scale` fills the other with zeros or ones. Netloom's own
 * TorchGroupNorm (its tfjs export: `groups`, `eps`, `affine`, weights weight and bias) is read too.
 * The normalized axis must be the channel axis: -1 of a channels-last value, 1 of one in PyTorch's order.
 */
export const kerasImport: KerasImport = {
  classes: ['GroupNormalization', 'TorchGroupNorm'],
  convert(ctx) {
    const { className, config: c, x } = ctx;
    const torch = className === 'TorchGroupNorm';
    const rank = x.shape.length + 1;
    // TorchGroupNorm groups the last axis of a rank-4 (NHWC) tensor, else axis 1 (layout.ts).
    const channel = x.nhwc ? rank - 1 : 1;
    if (torch ? x.nhwc && rank !== 4 : !isChannelAxis(ctx, rank, channel)) return wrongAxis(ctx, rank, channel);
    const ch = x.shape[0];
    const raw = Number(torch ? c.groups : (c.groups ?? 32));
    const groups = raw === -1 && !torch ? ch : raw;
    if (!Number.isInteger(groups) || groups < 1)
      return ctx.fail(
        `groups ${JSON.stringify(c.groups)} is not a number of groups; set groups to a divisor of the ${ch} channels (or -1, one group per channel)`,
      );
    const scale = torch ? c.affine !== false : c.scale !== false;
    const center = torch ? c.affine !== false : c.center !== false;
    const eps = f32(Number(torch ? c.eps : (c.epsilon ?? 1e-3)));
    const v = ctx.add(
      'GroupNorm',
      { num_groups: groups, eps, ...(scale || center ? {} : { affine: false }) },
      [x],
      x.nhwc,
    );
    if (!v.ok || (!scale && !center)) return v;
    const gamma = torch
      ? ctx.weight('weight')?.values
      : scale
        ? ctx.weight('gamma')?.values
        : new Float32Array(ch).fill(1);
    const beta = torch ? ctx.weight('bias')?.values : center ? ctx.weight('beta')?.values : new Float32Array(ch);
    const w = ctx.put(v.value.id, 'weight', [ch], gamma);
    if (!w.ok) return w;
    const b = ctx.put(v.value.id, 'bias', [ch], beta);
    return b.ok ? v : b;
  },
};

/** Whether the config's `axis` (one axis, negative from the end) is the channel axis. */
function isChannelAxis(ctx: KerasImportContext, rank: number, channel: number): boolean {
  const a = ctx.config.axis ?? -1;
  if (typeof a !== 'number' || !Number.isInteger(a)) return false;
  return (a < 0 ? a + rank : a) === channel;
}

function wrongAxis(ctx: KerasImportContext, rank: number, channel: number) {
  const { x } = ctx;
  const keras = x.nhwc ? [...x.shape.slice(1), x.shape[0]] : x.shape;
  return ctx.fail(
    `GroupNorm normalizes groups of channels, and axis ${JSON.stringify(ctx.config.axis ?? -1)} of this input [${['N', ...keras].join(', ')}] is not its channel axis ${channel === rank - 1 ? -1 : channel}; ` +
      `save the model with the GroupNormalization over the channels (axis=${channel === rank - 1 ? -1 : channel}), or with a Permute that moves the normalized axis there`,
  );
}
