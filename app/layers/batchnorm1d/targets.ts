import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { batchNorm1d } from './spec';
import { batchNorm1d as tfjs } from './tfjs';

export const targets = defineTargets(batchNorm1d, { tfjs, pytorch, onnx });
