// Where the CPU time of one training step goes outside the kernels: the engine's step (as
// model-engine.ts runs it: compiler, trainStepAsync, SGD momentum 0.9, wasm with the project's
// kernels, random data) under V8's sampling profiler for the timed steps only. Every kernel
// registered for the backend is wrapped in a function named `NETLOOM_KERNEL`, so a sample whose
// stack holds that frame is kernel time (wasm, ONNX Runtime, the project's kernels in JS) and
// every other sample of the step is fixed cost: tfjs-core's engine (runKernel, the tape, scopes,
// tensor tracking), tfjs-layers (Layer.apply, the functional model's execute), the project's
// layer and training code, the garbage collector. Prints the split, the top self-time
// functions outside kernels, and the kernel calls per step.
// Run: npx tsx scripts/bench/step-overhead.ts '{"model":"resnet18","input":[3,32,32],"batch":64,"steps":4,"warmup":2}'
import { Session } from 'node:inspector/promises';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../app/compiler/tfjs/compile';
import { createOptimizer } from '../../app/training/optimizers';
import { parseTrainingSettings } from '../../app/training/settings';
import { trainStepAsync } from '../../app/training/step';
import { loadBackend } from '../../main/node/engine/backend';
import { withInput } from './webgpu';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const KERNEL_FRAME = 'NETLOOM_KERNEL';

function where(url: string): string {
  if (url === '') return 'native/V8';
  if (url.startsWith('wasm://')) return 'wasm';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node';
  const own = /\/((?:app|main|scripts)\/(?:[^/]+\/)*)[^/]+$/.exec(url);
  return own ? own[1] : url;
}

async function main(): Promise<void> {
  const o = {
    model: 'resnet18',
    input: [3, 32, 32],
    batch: 64,
    steps: 4,
    warmup: 2,
    ...(JSON.parse(process.argv[2] ?? '{}') as Partial<{
      model: string;
      input: number[];
      batch: number;
      steps: number;
      warmup: number;
    }>),
  };
  const graph = withInput(o.model, o.input);
  if (typeof graph === 'string') throw new Error(graph);
  const b = await loadBackend('wasm');
  if (!b.ok) throw new Error(b.error);
  const { tf } = b.value;
  // Wrap every kernel of the backend in one named frame (kernel calls counted too).
  let calls = 0;
  const counting = { on: false };
  const byKernel = new Map<string, number>();
  // TRACE=KernelName: where the step calls that kernel from (the nearest frames outside tfjs).
  const sites = new Map<string, number>();
  for (const k of tf.getKernelsForBackend('wasm')) {
    const inner = k.kernelFunc;
    // A named function declaration: V8's profiler leaves arrow functions' frames unnamed.
    function NETLOOM_KERNEL(args: Parameters<typeof inner>[0]) {
      if (counting.on) {
        calls++;
        byKernel.set(k.kernelName, (byKernel.get(k.kernelName) ?? 0) + 1);
        if (k.kernelName === process.env.TRACE) {
          const at = (new Error().stack ?? '')
            .split('\n')
            .slice(2)
            .filter((l) => !/tf-core|tf-layers|tfjs-core\/src|tfjs-layers\/src|node:internal|NETLOOM_KERNEL/.test(l))
            .slice(0, 4)
            .map((l) => l.trim().replace(/\(.*\/(app|main|scripts)\//, '($1/'))
            .join(' < ');
          sites.set(at, (sites.get(at) ?? 0) + 1);
        }
      }
      return inner(args);
    }
    tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel({ ...k, kernelFunc: NETLOOM_KERNEL });
  }
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
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  counting.on = true;
  const c0 = process.cpuUsage();
  for (let i = 0; i < o.steps; i++) await step();
  const cpu = process.cpuUsage(c0);
  counting.on = false;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const inKernel = new Map<number, boolean>();
  const kernelAncestor = (id: number): boolean => {
    const known = inKernel.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id) as ProfileNode;
    const p = parent.get(id);
    const r = n.callFrame.functionName.startsWith(KERNEL_FRAME) || (p !== undefined && kernelAncestor(p));
    inKernel.set(id, r);
    return r;
  };
  // Profiler.stop's own work (building the profile) lands in the last sample: not the step's.
  const inProfilerStop = (id: number): boolean => {
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const f = (byId.get(x) as ProfileNode).callFrame;
      if (f.functionName === 'dispatch' && f.url === '') return true;
    }
    return false;
  };
  let kernelUs = 0,
    idleUs = 0,
    outsideUs = 0;
  const outsideBy = new Map<string, number>();
  const outsideFn = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const n = byId.get(id) as ProfileNode;
    const fn = n.callFrame.functionName;
    if (fn === '(idle)' || inProfilerStop(id)) {
      idleUs += dt;
      return;
    }
    if (kernelAncestor(id)) {
      kernelUs += dt;
      return;
    }
    outsideUs += dt;
    const w = fn === '(garbage collector)' ? 'garbage collector' : where(n.callFrame.url);
    outsideBy.set(w, (outsideBy.get(w) ?? 0) + dt);
    const name = `${fn || '(anonymous)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/(app|main|scripts)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    outsideFn.set(name, (outsideFn.get(name) ?? 0) + dt);
  });
  console.log(
    `kernel calls per step: ${[...byKernel]
      .sort((p, q) => q[1] - p[1])
      .map(([k, n]) => `${k} ${n / o.steps}`)
      .join(', ')}`,
  );
  for (const [at, n] of [...sites].sort((p, q) => q[1] - p[1]).slice(0, 12))
    console.log(`${String(n / o.steps).padStart(6)}x  ${at}`);
  // STACKS=name: the heaviest call stacks (by samples) that end in functions of that name.
  if (process.env.STACKS) {
    const fnOf = (id: number) => (byId.get(id) as ProfileNode).callFrame.functionName || '(anonymous)';
    const stacks = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      if (fnOf(id) !== process.env.STACKS) return;
      const st: string[] = [];
      for (let x: number | undefined = id; x !== undefined && st.length < 14; x = parent.get(x)) st.push(fnOf(x));
      const k = st.join(' < ');
      stacks.set(k, (stacks.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    for (const [k, us] of [...stacks].sort((p, q) => q[1] - p[1]).slice(0, 6))
      console.log(`${(us / 1000 / o.steps).toFixed(1).padStart(8)}  ${k}`);
  }
  const per = (us: number) => (us / 1000 / o.steps).toFixed(1);
  const cpuMs = (cpu.user + cpu.system) / 1000 / o.steps;
  console.log(
    `${o.model} [${o.input.join(',')}] batch ${o.batch}, ${o.steps} steps: ${cpuMs.toFixed(0)} CPU-ms/step (${((o.batch * 1000) / cpuMs).toFixed(1)} img per CPU-s, under the profiler), ${(calls / o.steps).toFixed(0)} kernel calls/step`,
  );
  // Samples are wall time (on a loaded machine partly preemption, which lands on whatever is
  // running); their shares, applied to the process's CPU time, give CPU-ms per step.
  const busy = kernelUs + outsideUs;
  const cpuOf = (us: number) => ((us / Math.max(1, busy)) * cpuMs).toFixed(1);
  console.log(
    `samples per step: kernels ${per(kernelUs)} ms, outside kernels ${per(outsideUs)} ms (${((100 * outsideUs) / Math.max(1, busy)).toFixed(1)}%: ~${cpuOf(outsideUs)} CPU-ms/step, ${((Number(cpuOf(outsideUs)) * 1000 * o.steps) / Math.max(1, calls)).toFixed(0)} CPU-us per kernel call), idle ${per(idleUs)} ms`,
  );
  console.log('outside kernels, by place (sampled ms/step, ~CPU-ms/step):');
  for (const [k, us] of [...outsideBy].sort((p, q) => q[1] - p[1]).slice(0, 15))
    console.log(`${per(us).padStart(8)} ${cpuOf(us).padStart(7)}  ${k}`);
  console.log('outside kernels, top functions by self time (ms/step):');
  for (const [k, us] of [...outsideFn].sort((p, q) => q[1] - p[1]).slice(0, Number(process.env.TOP ?? 40)))
    console.log(`${per(us).padStart(8)}  ${k}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
