import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { convTranspose2d } from './spec';
import { convTranspose2d as tfjs } from './tfjs';

export const targets = defineTargets(convTranspose2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
