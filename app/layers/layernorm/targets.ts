import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { layerNorm } from './spec';
import { layerNorm as tfjs } from './tfjs';

export const targets = defineTargets(layerNorm, { tfjs, pytorch, onnx, onnxImport, kerasImport });
