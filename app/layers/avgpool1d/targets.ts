import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { avgPool1d } from './spec';
import { avgPool1d as tfjs } from './tfjs';

export const targets = defineTargets(avgPool1d, { tfjs, pytorch, onnx, kerasImport });
