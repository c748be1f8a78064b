import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { hardswish } from './spec';
import { hardswish as tfjs } from './tfjs';

export const targets = defineTargets(hardswish, { tfjs, pytorch, onnx });
