import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { permute } from './spec';
import { permute as tfjs } from './tfjs';

export const targets = defineTargets(permute, { tfjs, pytorch, onnx, onnxImport, kerasImport });
