import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { adaptiveAvgPool1d } from './spec';
import { adaptiveAvgPool1d as tfjs } from './tfjs';

export const targets = defineTargets(adaptiveAvgPool1d, { tfjs, pytorch, onnx, kerasImport });
