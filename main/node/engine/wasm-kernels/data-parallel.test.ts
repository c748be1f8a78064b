// Data-parallel replicas (worker threads, each its own wasm instance) averaging gradients through
// shared memory: the averaged gradient equals the full-batch gradient, uneven shards included,
// and after several SGD steps every replica holds the same weights as one process training on
// the whole batch.
import { beforeAll, describe, expect, it } from 'vitest';
import { createExchange } from '../exchange';
import { flatSize, shardOf } from '../flat';
import { loss } from './data-parallel.test-worker';
import { maxRelError, randomValues, ready, rng, tf } from './test-util';
import { startWorker } from './ts-worker';

const shapes = [[3, 3, 2, 5], [5], [45, 4], [4]];

function runReplica(job: object): Promise<{ first: Float32Array; weights: Float32Array[] }> {
  return new Promise((resolve, reject) => {
    const w = startWorker(new URL('./data-parallel.test-worker.ts', import.meta.url), { workerData: job });
    w.once('message', (m: { error?: string; first: Float32Array; weights: Float32Array[] }) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

describe('data-parallel gradient exchange', () => {
  beforeAll(ready);

  it('shards cover a batch exactly once', () => {
    for (const [b, r] of [
      [64, 2],
      [65, 2],
      [7, 3],
      [2, 4],
    ]) {
      const parts = Array.from({ length: r }, (_, k) => shardOf(b, k, r));
      expect(parts[0][0]).toBe(0);
      expect(parts[r - 1][1]).toBe(b);
      for (let k = 1; k < r; k++) expect(parts[k][0]).toBe(parts[k - 1][1]);
    }
  });

  it('two and three replicas give the full-batch gradient and the same weights after 4 SGD steps', async () => {
    for (const [replicas, batch] of [
      [2, 16],
      [3, 13],
    ]) {
      const r = rng(replicas);
      const x = randomValues(r, batch * 6 * 6 * 2),
        y = Int32Array.from({ length: batch }, () => r.int(0, 3));
      const w = shapes.map((s) =>
        randomValues(
          r,
          s.reduce((p, d) => p * d, 1),
        ).map((v) => v * 0.5),
      );
      const buffers = createExchange(flatSize(shapes), replicas);
      const results = await Promise.all(
        Array.from({ length: replicas }, (_, rank) => runReplica({ buffers, rank, x, y, batch, w, shapes, steps: 4 })),
      );
      // The same thing in one process, whole batch.
      await tf.setBackend('wasm');
      const vars = w.map((v, i) => tf.variable(tf.tensor(v, shapes[i])));
      let first: Float32Array | null = null;
      for (let step = 0; step < 4; step++) {
        tf.tidy(() => {
          const { grads } = tf.variableGrads(
            () => loss(vars, tf.tensor4d(x, [batch, 6, 6, 2]), tf.tensor1d(y, 'int32')),
            vars,
          );
          if (first === null) first = Float32Array.from(vars.flatMap((v) => Array.from(grads[v.name].dataSync())));
          vars.forEach((v) => v.assign(tf.sub(v, tf.mul(grads[v.name], 0.1))));
        });
      }
      for (const res of results) {
        expect(
          maxRelError(res.first, first as unknown as Float32Array),
          `${replicas} replicas, first gradient`,
        ).toBeLessThan(1e-4);
        res.weights.forEach((wt, i) => expect(maxRelError(wt, vars[i].dataSync() as Float32Array)).toBeLessThan(1e-4));
        res.weights.forEach((wt, i) => expect(Array.from(wt)).toEqual(Array.from(results[0].weights[i])));
      }
      tf.dispose(vars);
    }
  });
});
