import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { softplus } from './spec';
import { softplus as tfjs } from './tfjs';

export const targets = defineTargets(softplus, { tfjs, pytorch, onnx, onnxImport });
