import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { softmax } from './spec';
import { softmax as tfjs } from './tfjs';

export const targets = defineTargets(softmax, { tfjs, pytorch, onnx });
