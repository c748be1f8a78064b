import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { pixelShuffle } from './spec';
import { pixelShuffle as tfjs } from './tfjs';

export const targets = defineTargets(pixelShuffle, { tfjs, pytorch, onnx, onnxImport });
