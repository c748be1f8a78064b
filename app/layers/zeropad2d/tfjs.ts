import { err, ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';

/** ZeroPad2d: tfjs's ZeroPadding2D, [[top, bottom], [left, right]] from PyTorch's (left, right, top, bottom). */
export const zeroPad2d: Converter = ({ tf, node, p, inputs, name }) => {
  const x = inputs[0];
  if (x.rank !== 4) return err(`ZeroPad2d '${node.id}' needs a [C, H, W] input.`);
  const v = p.padding;
  const s = typeof v === 'number' ? [v, v, v, v] : Array.isArray(v) && v.length === 4 && v.every((q) => Number.isInteger(q) && q >= 0) ? (v as number[]) : null;
  if (!s) return err(`ZeroPad2d '${node.id}': padding must be a non-negative integer or (left, right, top, bottom).`);
  const [l, r, t, b] = s;
  return ok(single(tf.layers.zeroPadding2d({ padding: [[t, b], [l, r]], name })));
};
