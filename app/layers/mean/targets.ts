import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { mean } from './spec';
import { mean as tfjs } from './tfjs';

export const targets = defineTargets(mean, { tfjs, pytorch, onnx, onnxImport });
