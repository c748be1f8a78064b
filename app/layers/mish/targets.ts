import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { mish } from './spec';
import { mish as tfjs } from './tfjs';

export const targets = defineTargets(mish, { tfjs, pytorch, onnx });
