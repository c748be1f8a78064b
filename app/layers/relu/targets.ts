import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { relu } from './spec';
import { relu as tfjs } from './tfjs';

export const targets = defineTargets(relu, { tfjs, pytorch, onnx, onnxImport, kerasImport });
