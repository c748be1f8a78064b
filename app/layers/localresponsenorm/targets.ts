import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { localResponseNorm } from './spec';
import { localResponseNorm as tfjs } from './tfjs';

export const targets = defineTargets(localResponseNorm, { tfjs, pytorch, onnx });
