import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { maxPool2d } from './spec';
import { maxPool2d as tfjs } from './tfjs';

export const targets = defineTargets(maxPool2d, { tfjs, pytorch, onnx });
