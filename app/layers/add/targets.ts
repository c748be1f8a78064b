import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { add } from './spec';
import { add as tfjs } from './tfjs';

export const targets = defineTargets(add, { tfjs, pytorch, onnx, onnxImport, kerasImport });
