/** The project's custom tfjs layers, defined once per injected tfjs and registered for deserialization. */
import type { Tf } from '../tf';
import { defineTorchActivation } from './activation';
import { defineTorchAdaptiveMax } from './adaptivemax';
import { defineTorchBatchNorm } from './batchnorm';
import { defineTorchConv } from './conv';
import { defineTorchConvTranspose } from './convtranspose';
import { defineTorchLinear } from './dense';
import { defineTorchDropout } from './dropout';
import { defineTorchELU } from './elu';
import { defineTorchGroupConv } from './groupconv';
import { defineTorchGroupNorm } from './groupnorm';
import { defineTorchInstanceNorm } from './instancenorm';
import { defineTorchLayerNorm } from './layernorm';
import { defineTorchLRN } from './lrn';
import { defineTorchMean } from './mean';
import { defineTorchMul } from './mul';
import { defineTorchPool2d } from './pool';
import { definePReLU } from './prelu';
import { defineTorchResample } from './resample';
import { defineTorchSoftmax } from './softmax';
import { defineTorchSplit } from './split';

function define(tf: Tf) {
  return {
    Activation: defineTorchActivation(tf),
    AdaptiveMax: defineTorchAdaptiveMax(tf),
    BatchNorm: defineTorchBatchNorm(tf),
    Conv: defineTorchConv(tf),
    ConvTranspose: defineTorchConvTranspose(tf),
    Dropout: defineTorchDropout(tf),
    Linear: defineTorchLinear(tf),
    ELU: defineTorchELU(tf),
    GroupConv: defineTorchGroupConv(tf),
    LRN: defineTorchLRN(tf),
    Mean: defineTorchMean(tf),
    Mul: defineTorchMul(tf),
    Pool2d: defineTorchPool2d(tf),
    PReLU: definePReLU(tf),
    Resample: defineTorchResample(tf),
    Softmax: defineTorchSoftmax(tf),
    LayerNorm: defineTorchLayerNorm(tf),
    GroupNorm: defineTorchGroupNorm(tf),
    InstanceNorm: defineTorchInstanceNorm(tf),
    Split: defineTorchSplit(tf),
  };
}

export type CustomLayers = ReturnType<typeof define>;

const cache = new WeakMap<object, CustomLayers>();

export function customLayers(tf: Tf): CustomLayers {
  const key = tf.layers.Layer as object;
  let c = cache.get(key);
  if (!c) {
    c = define(tf);
    cache.set(key, c);
  }
  return c;
}

/** The class names a model.json may use for these layers (`TorchBatchNorm`, ...), derived from the classes themselves. */
export function customClassNames(tf: Tf): string[] {
  return Object.values(customLayers(tf)).map((c) => c.className);
}
