/** Every lint rule, in the order they are listed (no registration by side effect). */
import type { LintRule } from '../types';
import { rule as activationMemory } from './activation-memory';
import { rule as batchnormBatch1 } from './batchnorm1d-batch1';
import { classesRule, inputRule } from './dataset-fit';
import { rule as biasBeforeBatchnorm } from './bias-before-batchnorm';
import { rule as decayAndL2 } from './decay-and-l2';
import { rule as doubleActivation } from './double-activation';
import { rule as dropoutBeforeBatchnorm } from './dropout-before-batchnorm';
import { rule as earlyCollapse } from './early-collapse';
import { rule as earlyStoppingNoVal } from './early-stopping-no-val';
import { rule as identityMerge } from './identity-merge';
import { rule as kfoldTest } from './kfold-test';
import { rule as linearLinear } from './linear-linear';
import { rule as logitsRelu } from './logits-relu';
import { rule as logitsSigmoid } from './logits-sigmoid';
import { rule as logitsSoftmax } from './logits-softmax';
import { rule as lrRange } from './lr-range';
import { rule as momentumAdam } from './momentum-adam';
import { rule as paramsPerSample } from './params-per-sample';
import { rule as receptiveField } from './receptive-field';
import { rule as singleChild } from './single-child';
import { rule as unusedBranch } from './unused-branch';

export const RULES: readonly LintRule[] = [
  // the network against the dataset
  inputRule,
  classesRule,
  // the loss and the last layer
  logitsSoftmax,
  logitsSigmoid,
  logitsRelu,
  // layer order
  biasBeforeBatchnorm,
  dropoutBeforeBatchnorm,
  doubleActivation,
  linearLinear,
  batchnormBatch1,
  // structure
  unusedBranch,
  identityMerge,
  singleChild,
  // capacity against data
  paramsPerSample,
  receptiveField,
  earlyCollapse,
  activationMemory,
  // settings
  lrRange,
  momentumAdam,
  decayAndL2,
  earlyStoppingNoVal,
  kfoldTest,
];
