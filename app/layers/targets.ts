// Generated from app/layers/registry.ts by `npm run layers:gen`: do not edit (scripts/layers/kinds-index.ts).
/**
 * The targets of every layer kind (TensorFlow.js build, PyTorch code, ONNX export, ONNX and Keras
 * import), in the registry's order. The compilers' and importers' tables are derived from this
 * list; the renderer never loads it (eslint.config.js). The type checker and
 * app/layers/coverage.test.ts fail when a kind's folder lacks a target.
 */
import { targets as adaptiveAvgPool1d } from './adaptiveavgpool1d/targets';
import { targets as adaptiveAvgPool2d } from './adaptiveavgpool2d/targets';
import { targets as adaptiveMaxPool2d } from './adaptivemaxpool2d/targets';
import { targets as add } from './add/targets';
import { targets as avgPool1d } from './avgpool1d/targets';
import { targets as avgPool2d } from './avgpool2d/targets';
import { targets as batchNorm1d } from './batchnorm1d/targets';
import { targets as batchNorm2d } from './batchnorm2d/targets';
import { targets as channelShuffle } from './channelshuffle/targets';
import { targets as chunk } from './chunk/targets';
import { targets as concat } from './concat/targets';
import { targets as conv1d } from './conv1d/targets';
import { targets as conv2d } from './conv2d/targets';
import { targets as convTranspose2d } from './convtranspose2d/targets';
import { targets as dropout } from './dropout/targets';
import { targets as dropout2d } from './dropout2d/targets';
import { targets as elu } from './elu/targets';
import { targets as flatten } from './flatten/targets';
import { targets as gelu } from './gelu/targets';
import { targets as groupNorm } from './groupnorm/targets';
import { targets as hardsigmoid } from './hardsigmoid/targets';
import { targets as hardswish } from './hardswish/targets';
import { targets as identity } from './identity/targets';
import { targets as input } from './input/targets';
import { targets as instanceNorm2d } from './instancenorm2d/targets';
import { targets as layerNorm } from './layernorm/targets';
import { targets as leakyRelu } from './leakyrelu/targets';
import { targets as linear } from './linear/targets';
import { targets as localResponseNorm } from './localresponsenorm/targets';
import { targets as logSoftmax } from './logsoftmax/targets';
import { targets as maxPool1d } from './maxpool1d/targets';
import { targets as maxPool2d } from './maxpool2d/targets';
import { targets as mean } from './mean/targets';
import { targets as mish } from './mish/targets';
import { targets as mul } from './mul/targets';
import { targets as permute } from './permute/targets';
import { targets as pixelShuffle } from './pixelshuffle/targets';
import { targets as prelu } from './prelu/targets';
import { targets as relu } from './relu/targets';
import { targets as relu6 } from './relu6/targets';
import { targets as sigmoid } from './sigmoid/targets';
import { targets as silu } from './silu/targets';
import { targets as softmax } from './softmax/targets';
import { targets as softplus } from './softplus/targets';
import { targets as split } from './split/targets';
import { targets as tanh } from './tanh/targets';
import { targets as unflatten } from './unflatten/targets';
import { targets as upsample } from './upsample/targets';
import { targets as zeroPad2d } from './zeropad2d/targets';
import type { LayerTargets } from './kind';

export const TARGETS: readonly LayerTargets[] = [
  input,
  conv2d,
  maxPool2d,
  avgPool2d,
  adaptiveAvgPool2d,
  batchNorm1d,
  batchNorm2d,
  localResponseNorm,
  relu,
  relu6,
  leakyRelu,
  prelu,
  elu,
  gelu,
  silu,
  hardswish,
  hardsigmoid,
  mish,
  softplus,
  sigmoid,
  tanh,
  softmax,
  logSoftmax,
  dropout,
  dropout2d,
  linear,
  flatten,
  mean,
  upsample,
  zeroPad2d,
  identity,
  add,
  concat,
  mul,
  convTranspose2d,
  conv1d,
  maxPool1d,
  avgPool1d,
  adaptiveAvgPool1d,
  adaptiveMaxPool2d,
  layerNorm,
  groupNorm,
  instanceNorm2d,
  channelShuffle,
  unflatten,
  pixelShuffle,
  permute,
  split,
  chunk,
];

const byType = new Map(TARGETS.map((t) => [t.type, t]));

/** The targets of a layer kind, by its PyTorch type name. */
export function getTargets(type: string): LayerTargets | undefined {
  return byType.get(type);
}
