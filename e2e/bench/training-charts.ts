// Data work of one chart frame during a 100-epoch x 1,000-batch run (100,000 batch points when every
// batch is reported; the engine reports every 10th, so 10,000): append one 100 ms message, smooth
// the loss series (incrementally), decimate it to the 2,000 points drawn. Prints ms per frame at the run's end.
// Run: npx tsx e2e/bench/training-charts.ts
import { appendProgress, decimate, emptySeries, smoothCache, smoothInto } from '../../renderer/store/trainingSeries';

for (const total of [10_000, 100_000]) {
  const s = emptySeries();
  const per = 1000;
  const msg = (start: number, n: number) => ({
    batches: Array.from({ length: n }, (_, i) => {
      const k = start + i;
      return {
        epoch: Math.floor(k / per) + 1,
        batch: (k % per) + 1,
        batches: per,
        loss: 2 / Math.sqrt(k + 1) + Math.random() * 0.1,
        lr: 0.01,
        img_per_s: 1000,
        eta_s: 1,
      };
    }),
    epochs: [],
  });
  appendProgress(s, msg(0, total - 100));
  const cache = smoothCache();
  const frames = 50;
  const t0 = performance.now();
  for (let f = 0; f < frames; f++) {
    appendProgress(s, msg(total - 100 + f * 2, 2));
    const sm = smoothInto(cache, s.bloss, 0.8);
    decimate(s.bx, [s.bloss, sm], 2000);
    decimate(s.bx, [s.blr], 2000);
    decimate(s.bx, [s.bips], 2000);
  }
  const ms = (performance.now() - t0) / frames;
  console.log(
    `${total.toLocaleString()} batch points: ${ms.toFixed(2)} ms of data work per chart frame (budget 16.7 ms)`,
  );
}
