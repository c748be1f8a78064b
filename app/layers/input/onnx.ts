import type { OnnxConvert } from '../../compiler/onnx/op';
import { err } from '../../result';
import type { ParamsOf } from '../spec';
import type { input } from './spec';

/** Input nodes become the graph's inputs (compiler/onnx/model.ts); none is converted as an operator. */
export const onnx: OnnxConvert<ParamsOf<typeof input>> = (c) =>
  err(`Input ${c.node.id} is a graph input, not an operator`);
