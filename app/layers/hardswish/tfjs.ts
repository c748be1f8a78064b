import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { hardswish as spec } from './spec';

export const hardswish: Converter<ParamsOf<typeof spec>> = ({ custom, name }) =>
  ok(single(new custom.Activation({ fn: 'hardswish', name })));
