import type { OnnxImport } from '../../importers/kind-import';
import { onnxPool } from '../../importers/onnx-pool';

export const onnxImport: OnnxImport = { ops: ['MaxPool'], convert: (c) => onnxPool('MaxPool2d', c) };
