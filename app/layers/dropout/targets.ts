import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { dropout } from './spec';
import { dropout as tfjs } from './tfjs';

export const targets = defineTargets(dropout, { tfjs, pytorch, onnx });
