import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { conv1d } from './spec';
import { conv1d as tfjs } from './tfjs';

export const targets = defineTargets(conv1d, { tfjs, pytorch, onnx, kerasImport });
