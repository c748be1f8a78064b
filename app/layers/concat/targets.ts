import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { concat } from './spec';
import { concat as tfjs } from './tfjs';

export const targets = defineTargets(concat, { tfjs, pytorch, onnx });
