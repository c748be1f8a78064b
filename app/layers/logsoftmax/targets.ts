import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { logSoftmax } from './spec';
import { logSoftmax as tfjs } from './tfjs';

export const targets = defineTargets(logSoftmax, { tfjs, pytorch, onnx, onnxImport });
