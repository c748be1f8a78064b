import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { conv2d } from './spec';
import { conv2d as tfjs } from './tfjs';

export const targets = defineTargets(conv2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
