/**
 * 1-D kinds on [C, L]: inside the model a rank-2 sample runs in PyTorch's order [N, C, L]
 * (layout.ts), so these run as 2-D layers on an NHWC [N, 1, L, C] view and come back to
 * [N, C', L']. Permute and Reshape layers: free of weights, differentiable on every backend.
 */
import type { Built } from '../converter';
import type { Layer, SymbolicTensor, Tf } from '../tf';

/** A symbolic [N, 1, L, C] stand-in for `x` ([N, C, L]), for 2-D converters that only read shapes. */
export function nhwcProbe(tf: Tf, x: SymbolicTensor): SymbolicTensor {
  const [, c, l] = x.shape as number[];
  return tf.input({ shape: [1, l, c] });
}

/** `inner` (a 2-D layer stack on NHWC) applied to [N, C, L] inputs, with the view layers made once and shared. */
export function via2d(tf: Tf, name: string, inner: Built): Built {
  let toNlc: Layer | null = null;
  let up: Layer | null = null;
  let back: Layer | null = null;
  let toNcl: Layer | null = null;
  return {
    bindings: inner.bindings,
    fusedRelu: inner.fusedRelu,
    apply: (xs) => {
      toNlc ??= tf.layers.permute({ dims: [2, 1], name: `${name}_nlc` });
      const x = toNlc.apply(xs[0]) as SymbolicTensor;
      const [, l, c] = x.shape as number[];
      up ??= tf.layers.reshape({ targetShape: [1, l, c], name: `${name}_nhwc` });
      const y = inner.apply([up.apply(x) as SymbolicTensor]) as SymbolicTensor; // a 2-D pool or conv: one output
      const [, , l2, c2] = y.shape as number[];
      back ??= tf.layers.reshape({ targetShape: [l2, c2], name: `${name}_nlc2` });
      toNcl ??= tf.layers.permute({ dims: [2, 1], name: `${name}_ncl` });
      return toNcl.apply(back.apply(y) as SymbolicTensor) as SymbolicTensor;
    },
  };
}
