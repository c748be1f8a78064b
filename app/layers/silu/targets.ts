import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { silu } from './spec';
import { silu as tfjs } from './tfjs';

export const targets = defineTargets(silu, { tfjs, pytorch, onnx });
