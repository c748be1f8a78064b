import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { leakyRelu } from './spec';
import { leakyRelu as tfjs } from './tfjs';

export const targets = defineTargets(leakyRelu, { tfjs, pytorch, onnx });
