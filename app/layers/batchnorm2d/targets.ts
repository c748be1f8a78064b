import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { batchNorm2d } from './spec';
import { batchNorm2d as tfjs } from './tfjs';

export const targets = defineTargets(batchNorm2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
