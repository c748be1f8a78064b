import { splitOnnx } from '../../compiler/onnx/split';
import { splitShapes } from '../split-common';
import type { SplitParams } from './spec';

/** ONNX Split with the pieces' sizes, as torch.onnx writes torch.split. */
export const onnx = splitOnnx<SplitParams>((inputs, p) => splitShapes(inputs, p.split_size_or_sections, p.dim));
