import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { num } from '../../compiler/tfjs/params';
import { ok } from '../../result';

export const softplus: Converter = ({ custom, p, name }) =>
  ok(
    single(
      new custom.Activation({ fn: 'softplus', beta: num(p, 'beta', 1), threshold: num(p, 'threshold', 20), name }),
    ),
  );
