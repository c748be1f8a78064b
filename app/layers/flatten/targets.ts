import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { flatten } from './spec';
import { flatten as tfjs } from './tfjs';

export const targets = defineTargets(flatten, { tfjs, pytorch, onnx, onnxImport, kerasImport });
