import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import type { ParamsOf } from '../spec';
import type { identity as spec } from './spec';

export const identity: Converter<ParamsOf<typeof spec>> = () => ok({ apply: (xs) => xs[0], bindings: [] });
