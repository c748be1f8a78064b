import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { ok } from '../../result';

export const mish: Converter = ({ custom, name }) => ok(single(new custom.Activation({ fn: 'mish', name })));
