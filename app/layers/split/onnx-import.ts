import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/**
 * ONNX Split (opset 13: the sizes as a second input; opset < 13: the `split` attribute; neither:
 * equal pieces, one per output) as a Split with those sections along the same axis (ONNX counts
 * the batch as 0, as Netloom's dim does). Chunk comes back from Netloom's own export by the layer
 * it declares.
 */
export const onnxImport: OnnxImport = {
  ops: ['Split'],
  convert: ({ attrs, inputs, inShape, constant, outputCount, dataCount }) => {
    if (dataCount !== 1) return ok('unsupported');
    const dim = Number(attrs.axis ?? 0);
    const rank = inShape.length + 1;
    const axis = dim < 0 ? dim + rank : dim;
    if (axis <= 0 || axis >= rank) return err(`axis ${dim} is not a dimension of the per-sample input`);
    const given = inputs[1] ? constant(inputs[1]) : Array.isArray(attrs.split) ? (attrs.split as number[]) : undefined;
    if (inputs[1] && !given) return err('its split sizes are not a constant');
    const size = inShape[axis - 1];
    const n = Math.max(1, outputCount);
    const sections = given ? Array.from(given, Number) : Array.from({ length: n }, () => size / n);
    if (!sections.every((s) => Number.isInteger(s) && s > 0))
      return err(`cannot cut ${size} entries into ${n} equal pieces: give the sizes`);
    return ok({ type: 'Split', params: { split_size_or_sections: sections, dim } });
  },
};
