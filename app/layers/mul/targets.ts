import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { mul } from './spec';
import { mul as tfjs } from './tfjs';

export const targets = defineTargets(mul, { tfjs, pytorch, onnx, onnxImport, kerasImport });
