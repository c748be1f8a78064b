/**
 * Test helper: the largest absolute difference between a graph's outputs in the app (tfjs cpu,
 * fresh weights of `seed`, as exportModel writes them) and an imported graph's outputs with the
 * imported weights, on the same seeded random inputs (batch 2, uniform in [-2, 2)).
 */
import { compileGraph } from '../../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../../app/compiler/tfjs/statedict';
import type { Tensor } from '../../../../app/compiler/tfjs/tf';
import { makeRng } from '../../../../app/data/rng';
import type { Graph } from '../../../../app/graph/types';
import type { ImportedWeights } from '../../../../app/importers/onnx';
import { cpuTf } from '../tf-cpu';

export async function maxOutputDiff(
  original: Graph,
  seed: number,
  imported: Graph,
  weights: ImportedWeights[],
  inputs?: Float32Array[],
): Promise<number> {
  const tf = await cpuTf();
  const a = compileGraph(tf, original, { seed });
  if (!a.ok) throw new Error(a.error);
  const b = compileGraph(tf, imported, { seed: seed + 1 });
  if (!b.ok) throw new Error(b.error);
  try {
    const set = setStateDict(tf, b.value, weights, defaultNamer);
    if (!set.ok) throw new Error(set.error);
    const rng = makeRng(seed);
    const xs = a.value.inputShapes.map((s, i) => {
      const shape = [2, ...s];
      return tf.tensor(
        inputs?.[i] ?? Float32Array.from({ length: shape.reduce((p, q) => p * q, 1) }, () => rng.next() * 4 - 2),
        shape,
      );
    });
    const outs = (m: typeof a.value) => {
      const y = m.model.apply(xs, { training: false }) as Tensor | Tensor[];
      return (Array.isArray(y) ? y : [y]).map((t) => t.dataSync() as Float32Array);
    };
    const [ya, yb] = [outs(a.value), outs(b.value)];
    if (ya.length !== yb.length) throw new Error(`${ya.length} outputs before, ${yb.length} after`);
    let m = 0;
    ya.forEach((o, k) => {
      if (o.length !== yb[k].length)
        throw new Error(`output ${k} has ${o.length} values before, ${yb[k].length} after`);
      for (let j = 0; j < o.length; j++) m = Math.max(m, Math.abs(o[j] - yb[k][j]));
    });
    tf.dispose(xs);
    return m;
  } finally {
    a.value.model.dispose();
    b.value.model.dispose();
  }
}

/** The imported graph's outputs in the app (tfjs cpu) with the imported weights, on given inputs. */
export async function importedOutputs(
  graph: Graph,
  weights: ImportedWeights[],
  inputs: { shape: number[]; values: Float32Array }[],
): Promise<Float32Array[]> {
  const tf = await cpuTf();
  const c = compileGraph(tf, graph, { seed: 0 });
  if (!c.ok) throw new Error(c.error);
  try {
    const set = setStateDict(tf, c.value, weights, defaultNamer);
    if (!set.ok) throw new Error(set.error);
    const xs = inputs.map((x) => tf.tensor(x.values, x.shape));
    const y = c.value.model.apply(xs, { training: false }) as Tensor | Tensor[];
    const out = (Array.isArray(y) ? y : [y]).map((t) => t.dataSync() as Float32Array);
    tf.dispose([...xs, ...(Array.isArray(y) ? y : [y])]);
    return out;
  } finally {
    c.value.model.dispose();
  }
}
