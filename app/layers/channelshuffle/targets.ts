import { defineTargets } from '../kind';
import { onnx } from './onnx';
import { pytorch } from './pytorch';
import { channelShuffle } from './spec';
import { channelShuffle as tfjs } from './tfjs';

export const targets = defineTargets(channelShuffle, { tfjs, pytorch, onnx });
