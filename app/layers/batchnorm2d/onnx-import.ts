import type { OnnxImport } from '../../importers/kind-import';
import { shortest } from '../../importers/onnx-types';
import { ok } from '../../result';

/** BatchNormalization as BatchNorm2d on a [C, H, W] input, BatchNorm1d otherwise (momentum is 1 - ONNX's). */
export const onnxImport: OnnxImport = {
  ops: ['BatchNormalization'],
  convert({ attrs: a, ins, inShape, constant }) {
    const c = inShape[0];
    const m = Number(a.momentum ?? 0.9);
    return ok({
      type: inShape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d',
      params: {
        eps: Number(a.epsilon ?? 1e-5),
        momentum: shortest(1 - m, (d) => Math.fround(1 - d) === Math.fround(m)),
      },
      weights: {
        weight: [constant(ins[1]), [c]],
        bias: [constant(ins[2]), [c]],
        running_mean: [constant(ins[3]), [c]],
        running_var: [constant(ins[4]), [c]],
        num_batches_tracked: [[0], []],
      },
    });
  },
};
