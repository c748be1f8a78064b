import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { localResponseNorm } from './spec';
import { localResponseNorm as tfjs } from './tfjs';

export const targets = defineTargets(localResponseNorm, { tfjs, pytorch, onnx, onnxImport });
