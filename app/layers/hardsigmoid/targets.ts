import { defineTargets } from '../kind';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { hardsigmoid } from './spec';
import { hardsigmoid as tfjs } from './tfjs';

export const targets = defineTargets(hardsigmoid, { tfjs, pytorch, onnx, onnxImport });
