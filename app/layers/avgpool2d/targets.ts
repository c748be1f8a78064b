import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { avgPool2d } from './spec';
import { avgPool2d as tfjs } from './tfjs';

export const targets = defineTargets(avgPool2d, { tfjs, pytorch, onnx });
