import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { concat } from './spec';
import { concat as tfjs } from './tfjs';

export const targets = defineTargets(concat, { tfjs, pytorch, onnx, onnxImport, kerasImport });
