import { z } from 'zod';
import type { Shape } from '../../graph/types';
import { err, ok } from '../../result';
import { bool, posInt, positiveFloat } from '../fields';
import { fmtShape, pyBool, pyFloat, pyTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';

const msg = 'must be a positive integer or a list of positive integers (the trailing dims to normalize)';
const schema = z.strictObject({
  normalized_shape: z.union([posInt(msg), z.array(posInt(msg)).min(1, { error: msg })], { error: msg }).describe(msg),
  eps: positiveFloat().default(1e-5),
  elementwise_affine: bool().default(true),
});
export type LayerNormParams = z.infer<typeof schema>;

/** normalized_shape as a list (PyTorch turns an int into `(n,)`). */
export const normShape = (p: LayerNormParams): number[] =>
  typeof p.normalized_shape === 'number' ? [p.normalized_shape] : p.normalized_shape;

/** The fix: the input's own trailing dims, as many as normalized_shape has (all of them at most). */
const trailing = (x: Shape, k: number): number[] => x.slice(Math.max(0, x.length - k));

export const layerNorm: LayerSpec<LayerNormParams> = {
  type: 'LayerNorm',
  category: 'norm',
  description: 'Layer normalization over the trailing dims given by normalized_shape, per sample (nn.LayerNorm).',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!x) return err('needs an input; connect one');
    const ns = normShape(p);
    const tail = trailing(x, ns.length);
    if (ns.length > x.length || tail.some((d, i) => d !== ns[i])) {
      const head = ns.length > x.length ? '' : `; set normalized_shape to ${fmtShape(trailing(x, ns.length))}`;
      return err(
        `Given normalized_shape=${fmtShape(ns)}, expected input with shape [*, ${ns.join(', ')}], but got input of size[N, ${x.join(', ')}]${head}`,
      );
    }
    return ok(x.slice());
  },
  fix(inputs, p) {
    const x = inputs[0];
    const ns = normShape(p);
    if (!x || ns.length > x.length) return undefined;
    const want = trailing(x, ns.length);
    if (want.every((d, i) => d === ns[i])) return undefined;
    const value = want.length === 1 ? want[0] : want;
    return { kind: 'setParam', param: 'normalized_shape', value, label: `Set normalized_shape to ${fmtShape(want)}` };
  },
  parameters: (_inputs, p) =>
    p.elementwise_affine
      ? [
          { name: 'weight', shape: normShape(p), trainable: true },
          { name: 'bias', shape: normShape(p), trainable: true },
        ]
      : [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) =>
    `LayerNorm(${pyTuple(normShape(p).map(String))}, eps=${pyFloat(p.eps)}, elementwise_affine=${pyBool(p.elementwise_affine)})`,
  summary: (p) => [normShape(p).join('×'), p.elementwise_affine ? '' : 'no affine'].filter((v) => v !== '').join(', '),
  isModule: true,
  help: {
    summary:
      'Normalizes each sample on its own over its last dims (normalized_shape) to mean 0 and variance 1, then scales and shifts with a learned weight and bias of that shape. Unlike BatchNorm2d it uses no batch statistics and keeps no running statistics, so train() and eval() compute the same thing and the batch size does not matter. Transformers use it on [L, D] with normalized_shape D; on [C, H, W] use [C, H, W] to normalize whole feature maps. Shape unchanged.',
    params: {
      normalized_shape:
        "The trailing dims to normalize over, and the shape of weight and bias: D for a [L, D] or [D] input, [H, W] or [C, H, W] for feature maps. They must equal the input's last dims.",
      eps: 'Added to the variance before the square root, for numerical safety (default 1e-5).',
      elementwise_affine:
        'Learn a weight (initialized to ones) and a bias (zeros) of shape normalized_shape applied after normalizing (default True). PyTorch 1.13 has no separate bias flag.',
    },
  },
};
