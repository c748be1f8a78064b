import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { softplus as spec } from './spec';

export const softplus: Converter<ParamsOf<typeof spec>> = ({ custom, p, name }) =>
  ok(single(new custom.Activation({ fn: 'softplus', beta: p.beta, threshold: p.threshold, name })));
