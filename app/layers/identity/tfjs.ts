import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';

export const identity: Converter = () => ok({ apply: (xs) => xs[0], bindings: [] });
