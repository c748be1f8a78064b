import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import type { DropoutParams } from '../dropout-common';

/** Dropout (elementwise) and Dropout2d (whole channels), active only in training. */
export function dropoutConverter(spatial: boolean): Converter<DropoutParams> {
  return ({ custom, p, inputs, name }) => {
    const channelAxis = inputs[0].rank === 4 ? 3 : 1;
    return ok(single(new custom.Dropout({ rate: p.p, spatial, channelAxis, name })));
  };
}

export const dropout = dropoutConverter(false);
