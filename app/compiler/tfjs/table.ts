/** One conversion per layer kind, keyed by the PyTorch type name the registry uses. */
import type { Converter } from './converter';
import { adaptiveAvgPool2d } from './convert/adaptiveavgpool2d';
import { add } from './convert/add';
import { avgPool2d } from './convert/avgpool2d';
import { batchNorm1d } from './convert/batchnorm1d';
import { batchNorm2d } from './convert/batchnorm2d';
import { concat } from './convert/concat';
import { conv2d } from './convert/conv2d';
import { dropout } from './convert/dropout';
import { dropout2d } from './convert/dropout2d';
import { elu } from './convert/elu';
import { flatten } from './convert/flatten';
import { gelu } from './convert/gelu';
import { identity } from './convert/identity';
import { input } from './convert/input';
import { leakyRelu } from './convert/leakyrelu';
import { linear } from './convert/linear';
import { localResponseNorm } from './convert/localresponsenorm';
import { logSoftmax } from './convert/logsoftmax';
import { maxPool2d } from './convert/maxpool2d';
import { relu } from './convert/relu';
import { sigmoid } from './convert/sigmoid';
import { softmax } from './convert/softmax';
import { tanh } from './convert/tanh';
import { upsample } from './convert/upsample';
import { zeroPad2d } from './convert/zeropad2d';

export const CONVERTERS: Record<string, Converter> = {
  Input: input,
  Conv2d: conv2d,
  MaxPool2d: maxPool2d,
  AvgPool2d: avgPool2d,
  AdaptiveAvgPool2d: adaptiveAvgPool2d,
  BatchNorm1d: batchNorm1d,
  BatchNorm2d: batchNorm2d,
  Dropout: dropout,
  Dropout2d: dropout2d,
  Linear: linear,
  Flatten: flatten,
  Upsample: upsample,
  ZeroPad2d: zeroPad2d,
  ReLU: relu,
  LeakyReLU: leakyRelu,
  ELU: elu,
  GELU: gelu,
  Sigmoid: sigmoid,
  Tanh: tanh,
  Softmax: softmax,
  LogSoftmax: logSoftmax,
  LocalResponseNorm: localResponseNorm,
  Identity: identity,
  Add: add,
  Concat: concat,
};
