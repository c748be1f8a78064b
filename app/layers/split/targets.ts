import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { onnxImport } from './onnx-import';
import { pytorch } from './pytorch';
import { split } from './spec';
import { split as tfjs } from './tfjs';

export const targets = defineTargets(split, { tfjs, pytorch, onnx, onnxImport });
