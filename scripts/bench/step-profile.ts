// Per-kernel profile of one LeNet-5 training step (batch 64) on the wasm backend with the
// project's kernels: tf.profile over N steps, kernels summed by name, sorted by time.
// Run: npx tsx scripts/bench/step-profile.ts [steps]
import * as tfc from '@tensorflow/tfjs-core';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../app/compiler/tfjs';
import { buildLeNet5 } from '../../app/templates/lenet';
import { tf, useBackend } from './tfjs-train';
import { makeStepper } from './engine-step';

async function main(): Promise<void> {
  const steps = Number(process.argv[2] ?? 20);
  await useBackend('wasm');
  const compiled = compileGraph(tf, buildLeNet5(), { seed: 0 });
  if (!compiled.ok) throw new Error(compiled.error);
  const model = compiled.value.model;
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const stepper = await makeStepper(tf, model, params, 0.01, 0.9);
  const xb = new Float32Array(64 * 784).map(() => Math.random()),
    yb = new Int32Array(64).map(() => Math.floor(Math.random() * 10));
  const x = tf.tensor(xb, [64, 1, 28, 28]),
    y = tf.tensor1d(yb, 'int32');
  for (let i = 0; i < 20; i++) stepper.step(x, y);
  const r0 = process.resourceUsage();
  let t0 = performance.now();
  for (let i = 0; i < steps; i++) stepper.step(x, y);
  const plain = (performance.now() - t0) / steps;
  const r1 = process.resourceUsage();
  console.log(
    `minor page faults per step: ${((r1.minorPageFault - r0.minorPageFault) / steps).toFixed(0)}, major ${((r1.majorPageFault - r0.majorPageFault) / steps).toFixed(1)}; wasm heap ${((tfc.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length / 2 ** 20).toFixed(0)} MiB`,
  );
  const totals = new Map<string, { ms: number; n: number; shapes: string }>();
  t0 = performance.now();
  const info = await tfc.profile(() => {
    for (let i = 0; i < steps; i++) stepper.step(x, y);
  });
  const profiled = (performance.now() - t0) / steps;
  for (const k of info.kernels) {
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const t = totals.get(key) ?? { ms: 0, n: 0, shapes: '' };
    t.ms += ms;
    t.n += 1;
    totals.set(key, t);
  }
  console.log(`kernel calls per step: ${(info.kernels.length / steps).toFixed(0)}`);
  const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  let sum = 0;
  for (const [, t] of rows) sum += t.ms;
  console.log(
    `step: ${plain.toFixed(2)} ms plain (${(64000 / plain).toFixed(0)} img/s), ${profiled.toFixed(2)} ms profiled, kernels sum ${(sum / steps).toFixed(2)} ms`,
  );
  for (const [k, t] of rows.slice(0, 40))
    console.log(`${(t.ms / steps).toFixed(3).padStart(8)} ms  x${(t.n / steps).toFixed(0)}  ${k}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
