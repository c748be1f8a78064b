import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** PRelu with a constant slope of 1 or C values (any shape that broadcasts on the channel dim) as PReLU. */
export const onnxImport: OnnxImport = {
  ops: ['PRelu'],
  convert({ inputs, inShape, constant, dims: dimsOf }) {
    const slope = inputs[1] ? constant(inputs[1]) : undefined;
    if (!slope) return err('only PRelu with a constant slope is imported');
    const dims = dimsOf(inputs[1]);
    const c = inShape[0];
    const n = slope.length;
    const perChannel =
      n === c && (dims.length <= 1 || (dims.length === inShape.length && dims.slice(1).every((d) => d === 1)));
    if (n !== 1 && !perChannel)
      return err(
        `a PRelu slope of shape [${dims.join(', ')}] is neither one value nor one per channel (${c}), as PyTorch's PReLU`,
      );
    return ok({ type: 'PReLU', params: n === 1 ? {} : { num_parameters: n }, weights: { weight: [slope, [n]] } });
  },
};
