import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { instanceNorm2d } from './spec';
import { instanceNorm2d as tfjs } from './tfjs';

export const targets = defineTargets(instanceNorm2d, { tfjs, pytorch, onnx, onnxImport });
