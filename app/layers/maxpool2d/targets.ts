import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { maxPool2d } from './spec';
import { maxPool2d as tfjs } from './tfjs';

export const targets = defineTargets(maxPool2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
