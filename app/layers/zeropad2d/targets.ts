import { defineTargets } from '../kind';
import { kerasImport } from './keras-import';
import { onnxImport } from './onnx-import';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { zeroPad2d } from './spec';
import { zeroPad2d as tfjs } from './tfjs';

export const targets = defineTargets(zeroPad2d, { tfjs, pytorch, onnx, onnxImport, kerasImport });
