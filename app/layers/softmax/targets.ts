import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { softmax } from './spec';
import { softmax as tfjs } from './tfjs';

export const targets = defineTargets(softmax, { tfjs, pytorch, onnx, onnxImport, kerasImport });
