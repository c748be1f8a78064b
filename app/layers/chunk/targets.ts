import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { chunk } from './spec';
import { chunk as tfjs } from './tfjs';

export const targets = defineTargets(chunk, { tfjs, pytorch, onnx });
