import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { dropout2d } from './spec';
import { dropout2d as tfjs } from './tfjs';

export const targets = defineTargets(dropout2d, { tfjs, pytorch, onnx, kerasImport });
