import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { prelu } from './spec';
import { prelu as tfjs } from './tfjs';

export const targets = defineTargets(prelu, { tfjs, pytorch, onnx });
