import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { relu6 } from './spec';
import { relu6 as tfjs } from './tfjs';

export const targets = defineTargets(relu6, { tfjs, pytorch, onnx, onnxImport });
