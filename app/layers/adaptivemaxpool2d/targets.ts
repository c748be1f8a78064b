import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { adaptiveMaxPool2d } from './spec';
import { adaptiveMaxPool2d as tfjs } from './tfjs';

export const targets = defineTargets(adaptiveMaxPool2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
