// The reduction each replica runs over its part of the shared buffer: the fused loops (one to
// three shards) and the blocked one (more) give the weighted mean in double precision, and only
// within the part.
import { describe, expect, it } from 'vitest';
import { reduceInto, shardOf } from './exchange';

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
