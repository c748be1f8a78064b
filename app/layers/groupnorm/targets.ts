import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { groupNorm } from './spec';
import { groupNorm as tfjs } from './tfjs';

export const targets = defineTargets(groupNorm, { tfjs, pytorch, onnx });
