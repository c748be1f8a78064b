import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { elu } from './spec';
import { elu as tfjs } from './tfjs';

export const targets = defineTargets(elu, { tfjs, pytorch, onnx });
