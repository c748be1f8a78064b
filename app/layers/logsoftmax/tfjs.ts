import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { softmaxAxis } from '../softmax/tfjs';
import type { ParamsOf } from '../spec';
import type { logSoftmax as spec } from './spec';

export const logSoftmax: Converter<ParamsOf<typeof spec>> = ({ custom, p, inputs, name }) =>
  ok(single(new custom.Softmax({ axis: softmaxAxis(p.dim, inputs[0].rank), log: true, name })));
