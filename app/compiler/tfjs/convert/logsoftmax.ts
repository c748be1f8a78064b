import { ok } from '../../../result';
import type { Converter } from '../converter';
import { single } from '../converter';
import { softmaxAxis } from './softmax';

export const logSoftmax: Converter = ({ custom, p, inputs, name }) =>
  ok(single(new custom.Softmax({ axis: softmaxAxis(p.dim, inputs[0].rank), log: true, name })));
