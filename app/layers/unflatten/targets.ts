import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { unflatten } from './spec';
import { unflatten as tfjs } from './tfjs';

export const targets = defineTargets(unflatten, { tfjs, pytorch, onnx, kerasImport });
