import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { ok } from '../../result';

export const hardsigmoid: Converter = ({ custom, name }) =>
  ok(single(new custom.Activation({ fn: 'hardsigmoid', name })));
