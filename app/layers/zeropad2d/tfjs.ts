import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { zeroPadSides, type ZeroPad2dParams } from './spec';

/** ZeroPad2d: tfjs's ZeroPadding2D, [[top, bottom], [left, right]] from PyTorch's (left, right, top, bottom). */
export const zeroPad2d: Converter<ZeroPad2dParams> = ({ tf, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 4) return err(`ZeroPad2d '${node.id}' needs a [C, H, W] input.`);
  const [l, r, t, b] = zeroPadSides(p);
  return ok(
    single(
      tf.layers.zeroPadding2d({
        padding: [
          [t, b],
          [l, r],
        ],
        name,
      }),
    ),
  );
};
