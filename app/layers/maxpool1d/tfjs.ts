import { poolConverter } from '../../compiler/tfjs/convert/pool2d';
import { nhwcProbe, via2d } from '../../compiler/tfjs/convert/oned';
import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { as2d } from '../pool1d-common';
import type { MaxPool1dParams } from './spec';

const pool2d = poolConverter('max');

/** MaxPool1d: MaxPool2d's build with a 1 x k window on the [N, 1, L, C] view. */
export const maxPool1d: Converter<MaxPool1dParams> = (ctx) => {
  if (ctx.inputs[0].rank !== 3) return err(`MaxPool1d '${ctx.node.id}' needs a [C, L] input.`);
  const inner = pool2d({ ...ctx, p: as2d(ctx.p), inputs: [nhwcProbe(ctx.tf, ctx.inputs[0])] });
  return inner.ok ? ok(via2d(ctx.tf, ctx.name, inner.value)) : inner;
};
