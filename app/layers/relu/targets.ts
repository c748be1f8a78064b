import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { relu } from './spec';
import { relu as tfjs } from './tfjs';

export const targets = defineTargets(relu, { tfjs, pytorch, onnx });
