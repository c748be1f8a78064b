import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { softmaxAxis } from '../softmax/tfjs';

export const logSoftmax: Converter = ({ custom, p, inputs, name }) =>
  ok(single(new custom.Softmax({ axis: softmaxAxis(p.dim, inputs[0].rank), log: true, name })));
