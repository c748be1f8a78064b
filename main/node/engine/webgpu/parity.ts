// One forward and backward pass of a compiled graph on a named backend, for the WebGPU parity
// tests: the same weights (taken from a first run), the same inputs and the same output
// cotangents, so two backends can be compared value by value. Train mode: BatchNorm uses the
// batch statistics and updates its running stats, Dropout draws its seeded masks.
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../../../app/compiler/tfjs/compile';
import type { Tensor, Tf } from '../../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../../app/graph/types';

export interface PassResult {
  outputs: Float32Array[];
  /** d(sum of output x cotangent) / d(each trainable weight), then / d(each input). */
  grads: Float32Array[];
  /** Every weight after the pass (running stats moved in train mode). */
  state: Float32Array[];
  /** Weights as compiled (to give the second backend the first one's). */
  initial: Float32Array[];
}

function values(r: { next(): number }, n: number): Float32Array {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = r.next() * 2 - 1;
  return v;
}

/** mulberry32, so a failing case repeats. */
export function seeded(seed: number): { next(): number } {
  let s = seed >>> 0;
  return {
    next() {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export async function forwardBackward(
  tf: Tf,
  backend: string,
  graph: Graph,
  o: { seed: number; batch: number; weights?: Float32Array[]; training?: boolean },
): Promise<PassResult> {
  await tf.setBackend(backend);
  const c = compileGraph(tf, graph, { seed: o.seed });
  if (!c.ok) throw new Error(c.error);
  const model = c.value.model;
  if (o.weights) {
    const ws = o.weights.map((w, i) => tf.tensor(w, model.weights[i].shape as number[]));
    model.setWeights(ws);
    tf.dispose(ws);
  }
  const initial = await Promise.all(
    model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)),
  );
  const r = seeded(o.seed * 31 + 7);
  const xs = c.value.inputShapes.map((s) =>
    tf.tidy(() => tf.variable(tf.tensor(values(r, o.batch * s.reduce((a, d) => a * d, 1)), [o.batch, ...s]), true)),
  );
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  let kept: Tensor[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const y = model.apply(xs.length === 1 ? xs[0] : xs, { training: o.training ?? true }) as Tensor | Tensor[];
    const ys = Array.isArray(y) ? y : [y];
    kept = ys.map((t) => tf.keep(t));
    const terms = ys.map((t) => tf.sum(tf.mul(t, tf.tensor(values(r, t.size), t.shape))));
    return (terms.length === 1 ? terms[0] : tf.addN(terms)) as never;
  }, [...params, ...xs]);
  const order = [...params, ...xs];
  const read = async (t: Tensor) => Float32Array.from((await t.data()) as Float32Array);
  const result: PassResult = {
    outputs: await Promise.all(kept.map(read)),
    grads: await Promise.all(
      order.map((p) => (grads[p.name] ? read(grads[p.name]) : Promise.resolve(new Float32Array(p.size)))),
    ),
    state: await Promise.all(model.getWeights().map(read)),
    initial,
  };
  tf.dispose([value, ...Object.values(grads), ...xs, ...kept]);
  model.dispose();
  return result;
}

/** Largest |a - b| over the largest |b| of the tensor (a gradient that is zero up to rounding has no per-entry ratio). */
export function scaledGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let gap = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= gap)) gap = Number.isNaN(d) ? Infinity : d;
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return gap === 0 ? 0 : gap / Math.max(scale, 1e-6);
}
