import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { conv2d } from './spec';
import { conv2d as tfjs } from './tfjs';

export const targets = defineTargets(conv2d, { tfjs, pytorch, onnx });
