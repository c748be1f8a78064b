import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { add } from './spec';
import { add as tfjs } from './tfjs';

export const targets = defineTargets(add, { tfjs, pytorch, onnx });
