import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { linear } from './spec';
import { linear as tfjs } from './tfjs';

export const targets = defineTargets(linear, { tfjs, pytorch, onnx, onnxImport, kerasImport });
