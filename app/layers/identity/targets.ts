import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { identity } from './spec';
import { identity as tfjs } from './tfjs';

export const targets = defineTargets(identity, { tfjs, pytorch, onnx, onnxImport, kerasImport });
