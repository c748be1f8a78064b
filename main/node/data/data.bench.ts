/**
 * Dataset benchmarks (figures go to docs/PERFORMANCE.md, "Datasets"):
 *   npx tsx main/node/data/data.bench.ts
 * Prints the median of a few runs of each: Fashion-MNIST decode, synthetic generation.
 */
import { syntheticSource } from '../../../app/data/synthetic';
import { loadIdxFiles, locateIdx } from './mnist';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label: string, runs: number, f: () => void): void {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  console.log(`${label}: median ${median(ts).toFixed(0)} ms (runs: ${ts.map((t) => t.toFixed(0)).join(', ')})`);
}

const loc = locateIdx('fashion-mnist');
if (loc.ok) {
  time('fashion-mnist: decode 60000 train + 10000 test (gunzip + IDX + float32)', 5, () => {
    const r = loadIdxFiles('fashion-mnist', loc.value);
    if (!r.ok) throw new Error(r.error);
  });
} else {
  console.log(loc.error);
}
time('synthetic: generate 10000 train + 2000 test', 3, () => void syntheticSource());

export {};
