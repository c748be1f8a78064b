import type { OnnxConvert } from '../../compiler/onnx/op';
import { err } from '../../result';

/** Input nodes become the graph's inputs (compiler/onnx/model.ts); none is converted as an operator. */
export const onnx: OnnxConvert = (c) => err(`Input ${c.node.id} is a graph input, not an operator`);
