import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { dropout } from './spec';
import { dropout as tfjs } from './tfjs';

export const targets = defineTargets(dropout, { tfjs, pytorch, onnx, onnxImport, kerasImport });
