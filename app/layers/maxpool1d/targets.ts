import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { maxPool1d } from './spec';
import { maxPool1d as tfjs } from './tfjs';

export const targets = defineTargets(maxPool1d, { tfjs, pytorch, onnx, kerasImport });
