import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { adaptiveMaxPool1d } from './spec';
import { adaptiveMaxPool1d as tfjs } from './tfjs';

export const targets = defineTargets(adaptiveMaxPool1d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
