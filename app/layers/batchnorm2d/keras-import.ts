import type { KerasImport } from '../../importers/kind-import';

/**
 * BatchNormalization (momentum is 1 - Keras's) and Netloom's TorchBatchNorm (PyTorch's arguments)
 * as BatchNorm2d on a [C, H, W] input, BatchNorm1d otherwise.
 */
export const kerasImport: KerasImport = {
  classes: ['BatchNormalization', 'TorchBatchNorm'],
  convert(ctx) {
    const { className, config: c, x } = ctx;
    const ch = x.shape[0];
    const torchBn = className === 'TorchBatchNorm';
    const affine = torchBn ? c.affine !== false : c.center !== false && c.scale !== false;
    const eps = Number(torchBn ? c.eps : (c.epsilon ?? 1e-3));
    const momentum = torchBn ? c.momentum : 1 - Number(c.momentum ?? 0.99);
    const v = ctx.add(
      x.shape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d',
      { eps, momentum: momentum === null ? null : Number(momentum), affine },
      [x],
      x.nhwc,
    );
    if (!v.ok) return v;
    for (const [p, ks] of [
      ['weight', ['gamma']],
      ['bias', ['beta']],
      ['running_mean', ['moving_mean', 'running_mean']],
      ['running_var', ['moving_variance', 'running_var']],
    ] as const) {
      const found = ks.map((k) => ctx.weight(k)).find(Boolean);
      const r = ctx.put(v.value.id, p, [ch], found?.values);
      if (!r.ok) return r;
    }
    if (ctx.weight('moving_mean') || ctx.weight('running_mean')) {
      const r = ctx.put(v.value.id, 'num_batches_tracked', [], [0]);
      if (!r.ok) return r;
    }
    return v;
  },
};
