// npm run bench -- --backend webgpu --model lenet5|resnet18|vgg11_bn --input 3x32x32 [--batch 64]
// [--seconds 60] [--warmup 2] [--no-torch] [--json FILE]
// Training images/s of one network on WebGPU (the engine's compiler and step, forced, so a
// software adapter is measured too and marked as such), on wasm (the project's kernels), and in
// PyTorch (CUDA where torch sees a GPU, else the CPU), on random data, SGD momentum 0.9. Each
// backend: warm-up steps (shader compilation), then steps for --seconds (at least one). One run
// stays under ten minutes: three backends of about --seconds each, plus loading and warm-up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../app/compiler/tfjs/compile';
import { generateModelPy } from '../../app/compiler/pytorch/model-py';
import type { Graph } from '../../app/graph/types';
import { buildTemplate } from '../../app/templates';
import { adaptTemplate } from '../../app/templates/adapt';
import { createOptimizer } from '../../app/training/optimizers';
import { parseTrainingSettings } from '../../app/training/settings';
import { trainStepAsync } from '../../app/training/step';
import { loadBackend } from '../../main/node/engine/backend';
import { describeTorchBlas, torchEnv, type TorchBlasInfo } from './torch-blas';

export interface WebGpuBenchOptions {
  model: string;
  input: number[];
  batch: number;
  seconds: number;
  warmup: number;
  torch: boolean;
}
export interface BenchRow {
  name: string;
  imgPerS: number | null;
  note: string;
}

export function withInput(name: string, input: number[]): Graph | string {
  const t = buildTemplate(name);
  if (!t.ok) return t.error;
  const g = adaptTemplate(t.value, name, { input });
  return g.ok ? g.value : g.error;
}

async function tfjsRow(backend: 'webgpu' | 'wasm', graph: Graph, o: WebGpuBenchOptions): Promise<BenchRow> {
  const b = await loadBackend(backend);
  if (!b.ok) return { name: backend, imgPerS: null, note: b.error };
  const { tf } = b.value;
  const c = compileGraph(tf, graph, { seed: 1 });
  if (!c.ok) return { name: backend, imgPerS: null, note: c.error };
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
  const w0 = performance.now();
  for (let i = 0; i < o.warmup; i++) await step();
  const warm = (performance.now() - w0) / 1000;
  let steps = 0;
  const t0 = performance.now();
  while (steps < 1 || (performance.now() - t0) / 1000 < o.seconds) {
    await step();
    steps += 1;
  }
  const seconds = (performance.now() - t0) / 1000;
  const tensors = tf.memory().numTensors;
  tf.dispose([x, y]);
  opt.dispose();
  model.dispose();
  const where = backend === 'webgpu' ? `${b.value.device}; ` : '';
  return {
    name: backend,
    imgPerS: (steps * o.batch) / seconds,
    note: `${where}${steps} steps in ${seconds.toFixed(1)} s after ${o.warmup} warm-up (${warm.toFixed(1)} s); ${tensors} tensors live`,
  };
}

function torchRow(graph: Graph, o: WebGpuBenchOptions): BenchRow {
  const py = generateModelPy(graph);
  if (!py.ok) return { name: 'pytorch', imgPerS: null, note: py.error };
  const dir = mkdtempSync(join(tmpdir(), 'netloom-bench-'));
  try {
    writeFileSync(join(dir, 'model.py'), py.value.code);
    const arg = JSON.stringify({
      model_py: join(dir, 'model.py'),
      root_class: py.value.rootClass,
      input: o.input,
      batch: o.batch,
      seconds: o.seconds,
      warmup: o.warmup,
      max_steps: 1e9,
    });
    const script = fileURLToPath(new URL('./webgpu_step.py', import.meta.url));
    const out = execFileSync('/usr/bin/python3', [script, arg], {
      encoding: 'utf8',
      timeout: (o.seconds * 3 + 120) * 1000,
      stdio: ['ignore', 'pipe', 'pipe'],
      // On the CPU torch uses every core (its default), its BLAS as many (torch-blas.ts).
      env: torchEnv(cpus().length),
    });
    const r = JSON.parse(out.trim().split('\n').pop() as string) as TorchBlasInfo & {
      img_per_s: number;
      steps: number;
      seconds: number;
      device: string;
      torch: string;
    };
    return {
      name: `pytorch ${r.torch}`,
      imgPerS: r.img_per_s,
      note: `${r.device}${r.device.startsWith('CPU') ? `, ${describeTorchBlas(r)}` : ''}; ${r.steps} steps in ${r.seconds.toFixed(1)} s`,
    };
  } catch (e) {
    return {
      name: 'pytorch',
      imgPerS: null,
      note: `PyTorch run failed (Debian's python3-torch under /usr/bin/python3?): ${(e as Error).message.split('\n')[0]}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchWebGpu(o: WebGpuBenchOptions): Promise<{ rows: BenchRow[]; adapter: string[] } | string> {
  const graph = withInput(o.model, o.input);
  if (typeof graph === 'string') return graph;
  const rows: BenchRow[] = [];
  console.log(
    `${o.model}, input [${o.input.join(', ')}], batch ${o.batch}, SGD momentum 0.9, random data; ${o.seconds} s per backend`,
  );
  const probe = await loadBackend('webgpu');
  const adapter = probe.ok ? probe.value.notes : [probe.error];
  for (const line of adapter) console.log(line);
  for (const backend of ['webgpu', 'wasm'] as const) {
    console.log(`${backend}...`);
    rows.push(await tfjsRow(backend, graph, o));
  }
  if (o.torch) {
    console.log('pytorch...');
    rows.push(torchRow(graph, o));
  }
  console.log(`\n${'backend'.padEnd(16)} ${'img/s'.padStart(9)}  notes`);
  for (const r of rows)
    console.log(`${r.name.padEnd(16)} ${(r.imgPerS === null ? '-' : r.imgPerS.toFixed(1)).padStart(9)}  ${r.note}`);
  return { rows, adapter };
}
