import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { gelu } from './spec';
import { gelu as tfjs } from './tfjs';

export const targets = defineTargets(gelu, { tfjs, pytorch, onnx });
