import type { OnnxImport } from '../../importers/kind-import';
import { onnxPool } from '../../importers/onnx-pool';
import { onnxPool1d } from '../../importers/onnx-pool1d';

/** AveragePool alone (over [C, L] as AvgPool1d); with a divisor map or a Pad in front it is a pattern (importers/onnx-patterns.ts). */
export const onnxImport: OnnxImport = {
  ops: ['AveragePool'],
  convert: (c) => (c.inShape.length === 2 ? onnxPool1d('AvgPool1d', c) : onnxPool('AvgPool2d', c)),
};
