import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { adaptiveAvgPool2d } from './spec';
import { adaptiveAvgPool2d as tfjs } from './tfjs';

export const targets = defineTargets(adaptiveAvgPool2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
