import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { avgPool2d } from './spec';
import { avgPool2d as tfjs } from './tfjs';

export const targets = defineTargets(avgPool2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
