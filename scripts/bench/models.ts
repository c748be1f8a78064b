// npm run bench -- --model resnet18|vgg11_bn|densenet121|mobilenet_v2 --input 3x32x32 [--batch 64]
// [--steps 3] [--warmup 1] [--torch-steps 5] [--torch-warmup 1] [--torch-seconds 0] [--torch-threads 1,CORES]
// [--rows 15] [--cli-images 0] [--before] [--no-torch] [--torch-blas auto|reference] [--json FILE]
// One network at CIFAR-10's size on random data, in one run:
// - the built-in engine on one thread (model-engine.ts in a process of its own: the engine's
//   compiler and step on the wasm backend with the project's kernels), its per-kernel profile
//   of one step (tf.profile) and its peak resident memory;
// - PyTorch 1.13 (Debian's /usr/bin/python3, torchvision's model) on 1 thread with torch.profiler's
//   table of one step and its peak resident memory, then on all threads; on OpenBLAS where
//   Debian's libopenblas0-pthread is installed (--torch-blas reference: the reference BLAS), with
//   the BLAS its process really mapped printed (torch-blas.ts);
// - with --cli-images N (N >= 64): `netloom train --workers 1` and `--workers <cores>` (the engine
//   as a person runs it: worker threads, session, run folder) for one epoch of N random CIFAR-10
//   images, 10 classes; its figure includes the first step's warm-up.
// --before adds the engine with the kernel choices before issue 19 (same process setup, same run).
// Images/s (wall) and images per CPU-second (the steadier figure on a shared machine).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeProject } from '../../app/graph/schema';
import type { ModelEngineResult } from './model-engine';
import { describeTorchBlas, torchEnv, type TorchBlasInfo } from './torch-blas';
import { randomCifar } from './torch-engine';
import { withInput } from './webgpu';

export interface ModelBenchOptions {
  model: string;
  input: number[];
  batch: number;
  steps: number;
  warmup: number;
  torchSteps: number;
  /** PyTorch's warm-up steps (1). */
  torchWarmup: number;
  /** Wall seconds after which PyTorch starts no further timed step (at least one runs); 0: none. */
  torchSeconds: number;
  /** PyTorch's runs, by thread count (the first, 1 thread, is the reference and the profiled one). */
  torchThreads: number[];
  rows: number;
  cliImages: number;
  torch: boolean;
  /** Also time the engine with the kernel choices before issue 19. */
  before: boolean;
}

interface TorchRun extends TorchBlasInfo {
  img_per_s: number;
  img_per_cpu_s: number;
  step_ms: number;
  steps: number;
  threads: number;
  torch: string;
  max_rss_mib: number;
  kernels: { name: string; ms: number; calls: number }[];
}

export interface ModelRow {
  name: string;
  imgPerS: number | null;
  imgPerCpuS: number | null;
  maxRssMiB: number | null;
  note: string;
}

/** A row of an engine run: its figures, or its failure message as the note. */
function engineRow(name: string, r: ModelEngineResult | string, note: (r: ModelEngineResult) => string): ModelRow {
  if (typeof r === 'string') return { name, imgPerS: null, imgPerCpuS: null, maxRssMiB: null, note: r };
  return { name, imgPerS: r.imgPerS, imgPerCpuS: r.imgPerCpuS, maxRssMiB: r.maxRssMiB, note: note(r) };
}

const TORCHVISION: Record<string, string> = {
  resnet18: 'resnet18',
  resnet34: 'resnet34',
  resnet50: 'resnet50',
  vgg11: 'vgg11',
  vgg11_bn: 'vgg11_bn',
  vgg16: 'vgg16',
  densenet121: 'densenet121',
  mobilenet_v2: 'mobilenet_v2',
};

function engineRun(o: ModelBenchOptions, before = false, threads = 1): ModelEngineResult | string {
  const script = fileURLToPath(new URL('./model-engine.ts', import.meta.url));
  const arg = JSON.stringify({
    model: o.model,
    input: o.input,
    batch: o.batch,
    steps: o.steps,
    warmup: o.warmup,
    profile: before || threads > 1 ? 0 : 1,
    before,
    threads,
  });
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, arg], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
    });
    return JSON.parse(out.trim().split('\n').pop() as string) as ModelEngineResult;
  } catch (e) {
    return `engine run failed: ${(e as { stderr?: string }).stderr?.trim().split('\n').pop() ?? (e as Error).message}`;
  }
}

function torchRun(o: ModelBenchOptions, threads: number, profile: boolean): { run: TorchRun; table: string } | string {
  const model = TORCHVISION[o.model];
  if (!model) return `PyTorch skipped: no torchvision counterpart for ${o.model}`;
  const script = fileURLToPath(new URL('./model_torch.py', import.meta.url));
  const arg = {
    model,
    classes: 1000,
    input: o.input,
    batch: o.batch,
    threads,
    steps: o.torchSteps,
    warmup: o.torchWarmup,
    max_seconds: o.torchSeconds,
  };
  try {
    const out = execFileSync('/usr/bin/python3', [script, JSON.stringify({ ...arg, profile, rows: o.rows })], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
      env: torchEnv(threads),
    });
    const lines = out.trim().split('\n');
    return { run: JSON.parse(lines.pop() as string) as TorchRun, table: lines.join('\n') };
  } catch (e) {
    return `PyTorch failed (Debian's python3-torch and python3-torchvision under /usr/bin/python3?): ${(e as Error).message.split('\n')[0]}`;
  }
}

/** `netloom train --workers N` for one epoch of random CIFAR-10 images (10-class head). */
function cliRun(o: ModelBenchOptions, dir: string, workers: number): ModelRow {
  const name = `netloom train --workers ${workers}`;
  const graph = withInput(o.model, o.input);
  if (typeof graph === 'string') return { name, imgPerS: null, imgPerCpuS: null, maxRssMiB: null, note: graph };
  const nodes = graph.nodes.map((n) => ({ ...n }));
  const last = [...nodes].reverse().find((n) => n.type === 'Linear');
  if (last) last.params = { ...last.params, out_features: 10 };
  const project = join(dir, `${o.model}.netloom.json`);
  writeFileSync(project, serializeProject({ ...graph, nodes }));
  const bin = fileURLToPath(new URL('../../bin/netloom', import.meta.url));
  const args = ['train', project, '--dataset', 'cifar10', '--data-dir', join(dir, 'cifar'), '--epochs', '1'];
  args.push('--batch-size', String(o.batch), '--optimizer', 'sgd', '--lr', '0.01', '--momentum', '0.9');
  args.push('--val-split', '0', '--backend', 'wasm', '--workers', String(workers), '--json');
  args.push('--out', join(dir, `run-${workers}`));
  try {
    const text = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const events = text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const done = events.find((e) => e.event === 'done');
    if (!done || done.status === 'failed')
      return { name, imgPerS: null, imgPerCpuS: null, maxRssMiB: null, note: String(done?.message ?? 'no done event') };
    const log = events.filter(
      (e) => typeof e.message === 'string' && /workers|\(ONNX Runtime\)/.test(e.message as string),
    );
    return {
      name,
      imgPerS: done.img_per_s as number,
      imgPerCpuS: null,
      maxRssMiB: null,
      note: `1 epoch of ${o.cliImages} images incl. warm-up, 10 classes${log.map((e) => `; ${String(e.message)}`).join('')}`,
    };
  } catch (e) {
    const msg = (e as { stderr?: string }).stderr?.trim().split('\n').pop() ?? (e as Error).message;
    return { name, imgPerS: null, imgPerCpuS: null, maxRssMiB: null, note: `failed: ${msg}` };
  }
}

export async function benchModel(o: ModelBenchOptions): Promise<{ rows: ModelRow[] } | string> {
  const graph = withInput(o.model, o.input);
  if (typeof graph === 'string') return graph;
  const cores = cpus().length;
  console.log(
    `${o.model}, input [${o.input.join(', ')}], batch ${o.batch}, SGD lr 0.01 momentum 0.9, random data; engine ${o.warmup} warm-up + ${o.steps} steps, PyTorch ${o.torchWarmup} + ${o.torchSteps}${o.torchSeconds > 0 ? ` (no step started after ${o.torchSeconds} s)` : ''}`,
  );
  const rows: ModelRow[] = [];
  console.log('engine (wasm, 1 thread)...');
  const engine = engineRun(o);
  rows.push(
    engineRow(
      'engine wasm, 1 worker',
      engine,
      (e) => `${e.stepMs.toFixed(0)} ms/step, ${e.kernelCallsPerStep} kernel calls/step, ${e.tensors} tensors live`,
    ),
  );
  if (typeof engine !== 'string' && cores > 1) {
    // One worker on every core, as netloom train runs a BatchNorm network: ONNX Runtime's threads.
    console.log(`engine (wasm, 1 worker, ${cores} threads)...`);
    rows.push(
      engineRow(
        `engine wasm, 1 worker, ${cores} thr`,
        engineRun(o, false, cores),
        (e) => `${e.stepMs.toFixed(0)} ms/step; convolutions and products on ${cores} ONNX Runtime threads`,
      ),
    );
  }
  if (o.before) {
    console.log('engine, kernel choices before issue 19...');
    rows.push(
      engineRow(
        'engine wasm, 1 worker, before',
        engineRun(o, true),
        (e) =>
          `${e.stepMs.toFixed(0)} ms/step (XNNPACK products, no whole-map convolution, convolution-path filter gradients, tfjs-wasm's Sum/Mean/Cast)`,
      ),
    );
  }
  let torch1: TorchRun | null = null;
  if (o.torch) {
    for (const [i, threads] of o.torchThreads.entries()) {
      console.log(`PyTorch, ${threads} thread(s)...`);
      const r = torchRun(o, threads, i === 0);
      const name = `PyTorch, ${threads} thread${threads > 1 ? 's' : ''}`;
      if (typeof r === 'string') {
        rows.push({ name, imgPerS: null, imgPerCpuS: null, maxRssMiB: null, note: r });
        continue;
      }
      console.log(describeTorchBlas(r.run));
      if (i === 0) {
        torch1 = r.run;
        console.log(`\ntorch.profiler, one step, 1 thread:\n${r.table}`);
      }
      rows.push({
        name,
        imgPerS: r.run.img_per_s,
        imgPerCpuS: r.run.img_per_cpu_s,
        maxRssMiB: r.run.max_rss_mib,
        note: `torch ${r.run.torch} on ${r.run.blas ?? 'unknown BLAS'}${r.run.blas_threads ? ` (${r.run.blas_threads} thr)` : ''}, torchvision.models.${TORCHVISION[o.model]}, ${r.run.step_ms.toFixed(0)} ms/step over ${r.run.steps} step(s)`,
      });
    }
  }
  if (typeof engine !== 'string') {
    // tf.profile also lists the scopes of custom gradients ("unnamed scope"), whose time is their kernels'.
    const kernels = engine.kernels.filter((k) => !k.name.startsWith('unnamed'));
    const total = kernels.reduce((s, k) => s + k.ms, 0);
    console.log(`\nengine per-kernel profile, one step (tf.profile; kernels ${total.toFixed(0)} ms in all):`);
    const byName = new Map<string, number>();
    for (const k of kernels) byName.set(k.name.split(' ')[0], (byName.get(k.name.split(' ')[0]) ?? 0) + k.ms);
    console.log(
      [...byName.entries()]
        .sort((p, q) => q[1] - p[1])
        .slice(0, o.rows)
        .map(([n, ms]) => `${ms.toFixed(1).padStart(9)} ms  ${n}`)
        .join('\n'),
    );
    console.log('by input shapes:');
    for (const k of kernels.slice(0, o.rows)) console.log(`${k.ms.toFixed(1).padStart(9)} ms  x${k.calls}  ${k.name}`);
  }
  if (o.cliImages >= o.batch) {
    const dir = mkdtempSync(join(tmpdir(), 'netloom-bench-model-'));
    try {
      randomCifar(join(dir, 'cifar'), o.cliImages);
      for (const workers of [1, ...(cores > 1 ? [cores] : [])]) {
        console.log(`netloom train --workers ${workers}...`);
        rows.push(cliRun(o, dir, workers));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ref = torch1?.img_per_s ?? null,
    refCpu = torch1?.img_per_cpu_s ?? null;
  const f = (v: number | null, d = 1) => (v === null ? '-' : v.toFixed(d));
  console.log(
    `\n${'run'.padEnd(30)} ${'img/s'.padStart(8)} ${`vs torch ${o.torchThreads[0] ?? 1} thr`.padStart(14)} ${'img/CPU-s'.padStart(10)} ${'vs torch'.padStart(9)} ${'peak RSS'.padStart(10)}  notes`,
  );
  for (const r of rows) {
    const ratio = ref && r.imgPerS ? `${(r.imgPerS / ref).toFixed(2)}x` : '-';
    const ratioCpu = refCpu && r.imgPerCpuS ? `${(r.imgPerCpuS / refCpu).toFixed(2)}x` : '-';
    const rss = r.maxRssMiB === null ? '-' : `${r.maxRssMiB.toFixed(0)} MiB`;
    console.log(
      `${r.name.padEnd(30)} ${f(r.imgPerS).padStart(8)} ${ratio.padStart(14)} ${f(r.imgPerCpuS).padStart(10)} ${ratioCpu.padStart(9)} ${rss.padStart(10)}  ${r.note}`,
    );
  }
  return { rows };
}
