import { poolConverter } from '../../compiler/tfjs/convert/pool2d';
import { nhwcProbe, via2d } from '../../compiler/tfjs/convert/oned';
import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { as2d } from '../pool1d-common';
import type { AvgPool1dParams } from './spec';

const pool2d = poolConverter('avg');

/** AvgPool1d: AvgPool2d's build with a 1 x k window on the [N, 1, L, C] view (count_include_pad as PyTorch). */
export const avgPool1d: Converter<AvgPool1dParams> = (ctx) => {
  if (ctx.inputs[0].rank !== 3) return err(`AvgPool1d '${ctx.node.id}' needs a [C, L] input.`);
  const { dilation: _d, ...geometry } = as2d(ctx.p);
  const p = { ...geometry, count_include_pad: ctx.p.count_include_pad };
  const inner = pool2d({ ...ctx, p, inputs: [nhwcProbe(ctx.tf, ctx.inputs[0])] });
  return inner.ok ? ok(via2d(ctx.tf, ctx.name, inner.value)) : inner;
};
