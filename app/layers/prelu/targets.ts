import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { prelu } from './spec';
import { prelu as tfjs } from './tfjs';

export const targets = defineTargets(prelu, { tfjs, pytorch, onnx, onnxImport, kerasImport });
