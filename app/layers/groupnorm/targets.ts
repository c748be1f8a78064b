import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { groupNorm } from './spec';
import { groupNorm as tfjs } from './tfjs';

export const targets = defineTargets(groupNorm, { tfjs, pytorch, onnx, kerasImport });
