import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { num } from '../../compiler/tfjs/params';

/** Dropout (elementwise) and Dropout2d (whole channels), active only in training. */
export function dropoutConverter(spatial: boolean): Converter {
  return ({ custom, p, inputs, name }) => {
    const channelAxis = inputs[0].rank === 4 ? 3 : 1;
    return ok(single(new custom.Dropout({ rate: num(p, 'p', 0.5), spatial, channelAxis, name })));
  };
}

export const dropout = dropoutConverter(false);
