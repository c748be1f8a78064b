// One network trained by the built-in engine on one thread, in a process of its own so that its
// peak resident memory is its own: the engine's compiler and step (app/training trainStepAsync,
// SGD momentum 0.9, CrossEntropyLoss) on the wasm backend with the project's kernels, random
// data. Warm-up steps, then timed steps, then a per-kernel profile (tf.profile) of `profile`
// steps. Prints one JSON line (ModelEngineResult). Run by scripts/bench/models.ts, or alone:
// npx tsx scripts/bench/model-engine.ts '{"model":"resnet18","input":[3,32,32],"batch":64,"steps":5,"warmup":2,"profile":1}'
// ("before": true times the kernel choices as they were before issue 19, BatchNorm unfused included;
// NETLOOM_FUSED_BN=0 unfuses BatchNorm alone.)
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../app/compiler/tfjs/compile';
import { createOptimizer } from '../../app/training/optimizers';
import { parseTrainingSettings } from '../../app/training/settings';
import { trainStepAsync } from '../../app/training/step';
import { loadBackend } from '../../main/node/engine/backend';
import { withInput } from './webgpu';
import { setWholeMapConv } from '../../main/node/engine/wasm-kernels/whole-map-conv';
import { setOrtGemm, setOrtGemmThreads } from '../../main/node/engine/wasm-kernels/ort-gemm';
import { setChannelReduce } from '../../main/node/engine/wasm-kernels/channel-reduce';
import { setCastShares } from '../../main/node/engine/wasm-kernels/identity';
import { setFilterGradPath } from '../../main/node/engine/wasm-kernels/conv2d-backprop-filter';
import { setFusedBatchNorm } from '../../app/compiler/tfjs/custom/batchnorm-fused';

export interface KernelRow {
  name: string;
  ms: number;
  calls: number;
}
export interface ModelEngineResult {
  backend: string;
  imgPerS: number;
  /** Images per CPU-second of this process (the steadier figure on a shared machine). */
  imgPerCpuS: number;
  stepMs: number;
  steps: number;
  kernels: KernelRow[];
  kernelCallsPerStep: number;
  maxRssMiB: number;
  tensors: number;
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as {
    model: string;
    input: number[];
    batch: number;
    steps: number;
    warmup: number;
    profile: number;
    /** The kernel choices before issue 19 (no whole-map convolution, the convolution path for every filter gradient). */
    before?: boolean;
    /** ONNX Runtime's threads (as netloom train gives one worker on this many cores); 1 by default. */
    threads?: number;
  };
  setOrtGemmThreads(o.threads ?? 1);
  if (o.before) {
    setWholeMapConv(false);
    setFilterGradPath('conv');
    setOrtGemm('off');
    setChannelReduce(false);
    setCastShares(false);
    setFusedBatchNorm(false);
  }
  // NETLOOM_FUSED_BN=0: BatchNorm's training step as the written-out formula (to time the fused op alone).
  if (process.env.NETLOOM_FUSED_BN === '0') setFusedBatchNorm(false);
  const graph = withInput(o.model, o.input);
  if (typeof graph === 'string') throw new Error(graph);
  const b = await loadBackend('wasm');
  if (!b.ok) throw new Error(b.error);
  const { tf } = b.value;
  const c = compileGraph(tf, graph, { seed: 1 });
  if (!c.ok) throw new Error(c.error);
  const s = parseTrainingSettings({ optimizer: 'sgd', lr: 0.01, momentum: 0.9, batch_size: o.batch });
  if (!s.ok) throw new Error(s.error);
  const model = c.value.model;
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const opt = createOptimizer(tf, params, s.value);
  const x = tf.randomUniform([o.batch, ...o.input], 0, 1, 'float32', 1);
  const y = tf.tensor1d(
    Int32Array.from({ length: o.batch }, (_, i) => i % 10),
    'int32',
  );
  const step = () => trainStepAsync(tf, model, params, opt, x, y, s.value);
  for (let i = 0; i < o.warmup; i++) await step();
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  for (let i = 0; i < o.steps; i++) await step();
  const stepMs = (performance.now() - t0) / o.steps;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Peak resident memory of the training steps, read before the profile: tf.profile reads every
  // kernel's output back (a copy of each in JavaScript), which training itself never does.
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const totals = new Map<string, KernelRow>();
  let calls = 0;
  if (o.profile > 0) {
    const info = await tf.profile(async () => {
      for (let i = 0; i < o.profile; i++) await step();
    });
    calls = info.kernels.length;
    for (const k of info.kernels) {
      const name = `${k.name} ${k.inputShapes.map((sh) => `[${(sh ?? []).join(',')}]`).join(' ')}`;
      const t = totals.get(name) ?? { name, ms: 0, calls: 0 };
      t.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      t.calls += 1;
      totals.set(name, t);
    }
  }
  const kernels = [...totals.values()]
    .map((k) => ({ name: k.name, ms: k.ms / o.profile, calls: k.calls / o.profile }))
    .sort((p, q) => q.ms - p.ms);
  const result: ModelEngineResult = {
    backend: b.value.name,
    imgPerS: (o.batch * 1000) / stepMs,
    imgPerCpuS: (o.batch * o.steps) / cpuSeconds,
    stepMs,
    steps: o.steps,
    kernels,
    kernelCallsPerStep: o.profile > 0 ? calls / o.profile : 0,
    maxRssMiB,
    tensors: tf.memory().numTensors,
  };
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
