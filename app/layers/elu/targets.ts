import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { elu } from './spec';
import { elu as tfjs } from './tfjs';

export const targets = defineTargets(elu, { tfjs, pytorch, onnx, onnxImport, kerasImport });
