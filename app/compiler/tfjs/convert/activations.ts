/** Shared helper for the elementwise activation conversions (one file per kind uses it). */
import { ok } from '../../../result';
import type { Converter } from '../converter';
import { single } from '../converter';
import type { Tf, Layer } from '../tf';
import type { Params } from '../params';

export function activation<P = Params>(make: (tf: Tf, p: P, name: string) => Layer): Converter<P> {
  return ({ tf, p, name }) => ok(single(make(tf, p, name)));
}
