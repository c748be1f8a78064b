import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { permute } from './spec';
import { permute as tfjs } from './tfjs';

export const targets = defineTargets(permute, { tfjs, pytorch, onnx });
