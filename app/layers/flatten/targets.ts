import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { flatten } from './spec';
import { flatten as tfjs } from './tfjs';

export const targets = defineTargets(flatten, { tfjs, pytorch, onnx });
