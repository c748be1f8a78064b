import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { leakyRelu } from './spec';
import { leakyRelu as tfjs } from './tfjs';

export const targets = defineTargets(leakyRelu, { tfjs, pytorch, onnx, onnxImport, kerasImport });
