import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { input } from './spec';
import { input as tfjs } from './tfjs';

export const targets = defineTargets(input, { tfjs, pytorch, onnx });
