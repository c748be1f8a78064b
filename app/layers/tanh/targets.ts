import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { tanh } from './spec';
import { tanh as tfjs } from './tfjs';

export const targets = defineTargets(tanh, { tfjs, pytorch, onnx, onnxImport });
