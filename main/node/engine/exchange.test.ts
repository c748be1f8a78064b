// The reduction each replica runs over its part of the shared buffer: the fused loops (one to
// three shards) and the blocked one (more) give the weighted mean in double precision, and only
// within the part; the WebAssembly reduction over a shared wasm memory gives the same bits.
import { describe, expect, it } from 'vitest';
import { createExchange, GradientExchange, reduceInto } from './exchange';
import { shardOf } from './flat';

describe('reduceInto', () => {
  it('is the weighted mean over 1 to 5 shards, only within the part', () => {
    const size = 5000; // more than one block of the blocked loop
    for (let k = 1; k <= 5; k++) {
      const v = Array.from({ length: k }, (_, r) =>
        Float32Array.from({ length: size }, (_, i) => Math.sin(i * (r + 1))),
      );
      const w = Array.from({ length: k }, (_, r) => r + 2);
      const total = w.reduce((a, b) => a + b, 0);
      const part = shardOf(size, 1, 3);
      const out = new Float32Array(size).fill(-7);
      reduceInto(out, part, w, v, 1 / total, new Float64Array(2048));
      for (let i = 0; i < size; i++) {
        if (i < part[0] || i >= part[1]) expect(out[i]).toBe(-7);
        else expect(out[i]).toBe(Math.fround(w.reduce((a, wr, r) => a + wr * v[r][i], 0) * (1 / total)));
      }
    }
  });
});

describe('the exchange reduction in WebAssembly', () => {
  /** Every replica's part reduced, the weights and slots written as reduceMean's callers do. */
  function reduceAll(size: number, w: number[], wasm: boolean): { out: Float32Array; inWasm: boolean } {
    const k = w.length;
    const buf = createExchange(size, k, 0, wasm);
    const exs = w.map((_, r) => new GradientExchange(buf, r));
    new Float64Array(buf.data, 0, k).set(w); // the weights come first (createExchange)
    exs.forEach((ex, r) => {
      const slot = ex.slot();
      // A replica with weight 0 had no samples: its slot must not be read.
      for (let i = 0; i < size; i++) slot[i] = w[r] === 0 ? NaN : Math.sin(i * (r + 1)) * (i % 7 === 0 ? 1e-30 : 1);
    });
    let out: Float32Array | null = null;
    for (const ex of exs) out = ex.reducePart();
    return { out: Float32Array.from(out ?? []), inWasm: exs.every((ex) => ex.reducesInWasm) };
  }

  it('gives the bits of the JavaScript reduction for 1 to 5 replicas, zero weights and a ragged tail', () => {
    for (const w of [[3], [2, 5], [4, 0], [0, 4, 1], [1, 2, 3, 4], [2, 0, 3, 5, 1]]) {
      for (const size of [5003, 4, 1]) {
        const js = reduceAll(size, w, false);
        const wa = reduceAll(size, w, true);
        expect(js.inWasm).toBe(false);
        expect(wa.inWasm).toBe(true);
        const total = w.reduce((a, b) => a + b, 0);
        for (let i = 0; i < size; i++) {
          const expected = Math.fround(
            w.reduce(
              (a, wr, r) => (wr === 0 ? a : a + wr * Math.fround(Math.sin(i * (r + 1)) * (i % 7 === 0 ? 1e-30 : 1))),
              0,
            ) *
              (1 / total),
          );
          expect(js.out[i]).toBe(expected);
          expect(wa.out[i]).toBe(expected);
        }
      }
    }
  });
});
