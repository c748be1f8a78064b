/**
 * Dataset benchmarks (figures go to docs/PERFORMANCE.md, "Datasets"):
 *   npx tsx main/node/data/data.bench.ts
 * Prints the median of a few runs of each: Fashion-MNIST decode, synthetic generation.
 */
import { syntheticSource } from '../../../app/data/synthetic';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { loadImageFolder } from './folder';
import { loadIdxFiles, locateIdx } from './mnist';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(label: string, runs: number, f: () => void | Promise<void>): Promise<void> {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ts.push(performance.now() - t);
  }
  console.log(`${label}: median ${median(ts).toFixed(0)} ms (runs: ${ts.map((t) => t.toFixed(0)).join(', ')})`);
}

const loc = locateIdx('fashion-mnist');
if (loc.ok) {
  await time('fashion-mnist: decode 60000 train + 10000 test (gunzip + IDX, pixels kept as bytes)', 5, async () => {
    const r = await loadIdxFiles('fashion-mnist', loc.value);
    if (!r.ok) throw new Error(r.error);
  });
} else {
  console.log(loc.error);
}
await time('synthetic: generate 10000 train + 2000 test', 3, () => void syntheticSource());

/** 10,000 28x28 grayscale PNGs (synthetic shapes) in an ImageFolder, then decoded through sharp. */
async function folderBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'netloom-bench-folder-'));
  const ds = syntheticSource(10000, 0, 5).train;
  for (const c of ds.classes) mkdirSync(join(root, c), { recursive: true });
  for (let i = 0; i < ds.n; i++) {
    const png = new PNG({ width: 28, height: 28, colorType: 0 });
    for (let p = 0; p < 784; p++) {
      const v = Math.round(ds.x[i * 784 + p] * 255);
      png.data.set([v, v, v, 255], p * 4);
    }
    writeFileSync(join(root, ds.classes[ds.y[i]], `${i}.png`), PNG.sync.write(png, { colorType: 0 }));
  }
  const t = performance.now();
  const r = await loadImageFolder(root, [1, 28, 28]);
  const dt = performance.now() - t;
  rmSync(root, { recursive: true, force: true });
  if (!r.ok) throw new Error(r.error);
  console.log(
    `image folder: decode ${r.value.train.n} PNGs (28x28) to [1, 28, 28]: ${(dt / 1000).toFixed(2)} s (${Math.round(r.value.train.n / (dt / 1000))} images/s)`,
  );
}
await folderBench();

export {};
