import type { OnnxImport } from '../../importers/kind-import';
import { onnxPool } from '../../importers/onnx-pool';

/** AveragePool alone; with a divisor map or a Pad in front it is a pattern (importers/onnx-patterns.ts). */
export const onnxImport: OnnxImport = { ops: ['AveragePool'], convert: (c) => onnxPool('AvgPool2d', c) };
