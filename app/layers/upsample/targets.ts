import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { upsample } from './spec';
import { upsample as tfjs } from './tfjs';

export const targets = defineTargets(upsample, { tfjs, pytorch, onnx, onnxImport, kerasImport });
