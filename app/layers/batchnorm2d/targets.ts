import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { batchNorm2d } from './spec';
import { batchNorm2d as tfjs } from './tfjs';

export const targets = defineTargets(batchNorm2d, { tfjs, pytorch, onnx });
