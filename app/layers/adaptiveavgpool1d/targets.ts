import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { adaptiveAvgPool1d } from './spec';
import { adaptiveAvgPool1d as tfjs } from './tfjs';

export const targets = defineTargets(adaptiveAvgPool1d, { tfjs, pytorch, onnx });
