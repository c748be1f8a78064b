import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import type { ParamsOf } from '../spec';
import type { input as spec } from './spec';

/** Input: the compiler creates the tfjs input (and its NCHW -> NHWC permute); this passes it on. */
export const input: Converter<ParamsOf<typeof spec>> = () => ok({ apply: (xs) => xs[0], bindings: [] });
