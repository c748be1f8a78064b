import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { sigmoid } from './spec';
import { sigmoid as tfjs } from './tfjs';

export const targets = defineTargets(sigmoid, { tfjs, pytorch, onnx, onnxImport });
