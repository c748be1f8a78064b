import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { linear } from './spec';
import { linear as tfjs } from './tfjs';

export const targets = defineTargets(linear, { tfjs, pytorch, onnx });
