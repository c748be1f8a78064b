import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';

/** Input: the compiler creates the tfjs input (and its NCHW -> NHWC permute); this passes it on. */
export const input: Converter = () => ok({ apply: (xs) => xs[0], bindings: [] });
