import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { unflatten } from './spec';
import { unflatten as tfjs } from './tfjs';

export const targets = defineTargets(unflatten, { tfjs, pytorch, onnx });
