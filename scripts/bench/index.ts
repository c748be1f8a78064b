// npm run bench: LeNet-5 on Fashion-MNIST (batch 64, SGD lr 0.01 momentum 0.9) with the
// engine's compiler and training step on tfjs's wasm backend (the project's training kernels),
// a few batches on the cpu backend (about 25 images/s: a full epoch would take 40 minutes),
// and the same network in PyTorch on the CPU, in one run. Prints images/s and the ratio to PyTorch.
// Flags: --epochs N (2), --cpu-batches N (3), --torch-threads N (1, like tfjs-wasm; a short run with all
// cores is added), --replicas N (cores; 0 or 1 = no
// data-parallel run), --no-engine (skip `netloom train`), --no-torch, --no-cpu, --no-torch-engine
// (skip torch-engine.ts: `netloom train --engine torch` vs plain PyTorch and the built-in engine), --json FILE.
// --backend webgpu --model NAME --input CxHxW [--batch B --seconds S]: WebGPU, wasm and PyTorch
// on one network instead (scripts/bench/webgpu.ts).
// --model resnet18|vgg11_bn|densenet121|mobilenet_v2 [--input 3x32x32 --batch 64 --steps 3 --warmup 1
// --torch-steps 5 --torch-warmup 1 --torch-seconds 0 --torch-threads 1,CORES --rows 15 --cli-images N
// --before]: one network, the engine against PyTorch on 1 and all threads, per-kernel profiles of one
// step and peak memory of both (scripts/bench/models.ts).
// PyTorch, the reference everywhere, runs on OpenBLAS where Debian's libopenblas0-pthread is
// installed (LD_LIBRARY_PATH, OPENBLAS_NUM_THREADS = its thread count; scripts/bench/torch-blas.ts),
// else on the system's libblas.so.3 with a warning; --torch-blas reference forces the reference BLAS.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadSource } from '../../main/node/data/index';
import { machine } from './machine';
import { runTorch, type TorchResult } from './torch';
import { describeTorchBlas, setTorchBlas } from './torch-blas';
import { trainTfjs, type TfjsResult } from './tfjs-train';
import { trainDataParallel } from './data-parallel';
import { runEngineCli } from './engine-cli';
import { benchTorchEngine, printTorchEngineRows } from './torch-engine';
import { benchWebGpu } from './webgpu';
import { benchModel } from './models';

const DATA_DIR = '/usr/share/datasets/fashion-mnist';

async function main(): Promise<number> {
  const { values: a } = parseArgs({
    options: {
      epochs: { type: 'string', default: '2' },
      'cpu-batches': { type: 'string', default: '3' },
      'torch-threads': { type: 'string' },
      replicas: { type: 'string' },
      backend: { type: 'string' },
      model: { type: 'string', default: 'lenet5' },
      input: { type: 'string' },
      batch: { type: 'string', default: '64' },
      seconds: { type: 'string', default: '60' },
      warmup: { type: 'string' },
      steps: { type: 'string', default: '3' },
      'torch-steps': { type: 'string', default: '5' },
      'torch-warmup': { type: 'string', default: '1' },
      'torch-seconds': { type: 'string', default: '0' },
      rows: { type: 'string', default: '15' },
      'cli-images': { type: 'string', default: '0' },
      'no-engine': { type: 'boolean' },
      before: { type: 'boolean' },
      'no-torch': { type: 'boolean' },
      'no-cpu': { type: 'boolean' },
      'no-torch-engine': { type: 'boolean' },
      'torch-blas': { type: 'string' },
      json: { type: 'string' },
    },
  });
  const epochs = Number(a.epochs),
    cpuBatches = Number(a['cpu-batches']);
  const blasError = setTorchBlas(a['torch-blas']);
  if (blasError) {
    console.error(blasError);
    return 2;
  }
  const m = machine();
  console.log(`machine: ${m.cpu}, ${m.cores} logical cores, load average ${m.load.join(' ')}, node ${m.node}`);
  if (a.backend !== undefined) {
    if (a.backend !== 'webgpu') {
      console.error(
        `--backend ${a.backend}: only --backend webgpu has its own benchmark; leave it out for the LeNet-5 one.`,
      );
      return 2;
    }
    const input = (a.input ?? (a.model === 'lenet5' ? '1x28x28' : '3x32x32')).split('x').map(Number);
    const [batch, seconds, warmup] = [Number(a.batch), Number(a.seconds), Number(a.warmup ?? 2)];
    if (input.some((d) => !Number.isInteger(d) || d < 1) || !(batch >= 1) || !(seconds > 0) || !(warmup >= 0)) {
      console.error('--input CxHxW, --batch, --seconds and --warmup take positive numbers (--input 3x32x32).');
      return 2;
    }
    const r = await benchWebGpu({ model: a.model as string, input, batch, seconds, warmup, torch: !a['no-torch'] });
    if (typeof r === 'string') {
      console.error(r);
      return 2;
    }
    if (a.json) writeFileSync(a.json, JSON.stringify({ machine: m, ...r }, null, 2));
    return r.rows.some((row) => row.imgPerS === null) ? 1 : 0;
  }
  if (a.model !== 'lenet5') {
    const input = (a.input ?? '3x32x32').split('x').map(Number);
    const o = {
      model: a.model as string,
      input,
      batch: Number(a.batch),
      steps: Number(a.steps),
      warmup: Number(a.warmup ?? 1),
      torchSteps: Number(a['torch-steps']),
      torchWarmup: Number(a['torch-warmup']),
      torchSeconds: Number(a['torch-seconds']),
      torchThreads: (a['torch-threads'] ?? (m.cores > 1 ? `1,${m.cores}` : '1')).split(',').map(Number),
      rows: Number(a.rows),
      cliImages: Number(a['cli-images']),
      torch: !a['no-torch'],
      before: a.before === true,
    };
    const counts = [o.batch, o.steps, o.torchSteps, o.rows];
    if (input.some((d) => !Number.isInteger(d) || d < 1) || counts.some((v) => !(Number.isInteger(v) && v >= 1))) {
      console.error(
        '--input CxHxW, --batch, --steps, --torch-steps and --rows take positive whole numbers (--input 3x32x32).',
      );
      return 2;
    }
    if (![o.warmup, o.cliImages, o.torchWarmup].every((v) => Number.isInteger(v) && v >= 0)) {
      console.error('--warmup, --torch-warmup and --cli-images take whole numbers, 0 or more.');
      return 2;
    }
    if (!(o.torchSeconds >= 0) || !o.torchThreads.every((t) => Number.isInteger(t) && t >= 1)) {
      console.error(
        '--torch-seconds takes seconds, 0 or more (0: no bound); --torch-threads a comma-separated list of thread counts (1,2).',
      );
      return 2;
    }
    const r = await benchModel(o);
    if (typeof r === 'string') {
      console.error(r);
      return 2;
    }
    if (a.json) writeFileSync(a.json, JSON.stringify({ machine: m, ...o, ...r }, null, 2));
    return r.rows.some((row) => row.imgPerS === null) ? 1 : 0;
  }
  const data = await loadSource({ name: 'fashion-mnist', dataDir: DATA_DIR });
  if (!data.ok) {
    console.error(data.error);
    return 2;
  }
  const { train, test } = data.value;
  if (!test) {
    console.error('Fashion-MNIST test split missing');
    return 2;
  }

  const rows: { name: string; imgPerS: number; note: string }[] = [];
  let torch: TorchResult | string | null = null;
  if (!a['no-torch']) {
    const threads = Number(a['torch-threads'] ?? 1);
    console.log(`PyTorch: ${epochs} epochs, ${threads} thread(s)...`);
    torch = runTorch({ dataDir: DATA_DIR, epochs, threads });
    if (typeof torch === 'string') console.log(torch);
    else console.log(describeTorchBlas(torch));
    if (typeof torch !== 'string')
      rows.push({
        name: `pytorch ${torch.torch} (${torch.threads} thr)`,
        imgPerS: torch.img_per_s,
        note: `${epochs} epochs, test acc ${(torch.test_acc * 100).toFixed(2)}%, ${(torch.images / torch.cpu_seconds).toFixed(0)} img per CPU-second, ${torch.blas ?? 'unknown BLAS'}`,
      });
    if (m.cores > 1) {
      const all = runTorch({ dataDir: DATA_DIR, epochs: 1, threads: m.cores, maxBatches: 300 });
      if (typeof all !== 'string')
        rows.push({
          name: `pytorch ${all.torch} (${all.threads} thr)`,
          imgPerS: all.img_per_s,
          note: `300 batches, ${all.blas ?? 'unknown BLAS'}`,
        });
    }
  }
  const engine: ReturnType<typeof runEngineCli>[] = [];
  for (const workers of a['no-engine'] ? [] : [1, ...(m.cores > 1 ? [m.cores] : [])]) {
    console.log(
      `netloom train --backend wasm --workers ${workers} (the full engine: worker, session, run folder): ${epochs} epochs...`,
    );
    const run = runEngineCli({ dataDir: DATA_DIR, epochs, backend: 'wasm', workers });
    engine.push(run);
    if (typeof run === 'string') console.log(run);
    else
      rows.push({
        name: `netloom train (${run.backend}, ${workers} wkr)`,
        imgPerS: run.imgPerS,
        note: `${epochs} epochs, test acc ${(run.testAcc * 100).toFixed(2)}%, loss/epoch ${run.epochLoss.map((l) => l.toFixed(3)).join(' ')}, tensors after each epoch ${run.tensors.join(' ')}`,
      });
  }
  console.log(`tfjs wasm: ${epochs} epochs...`);
  const wasm: TfjsResult = await trainTfjs('wasm', train, test, { epochs });
  rows.push({
    name: 'bench loop, wasm (1 thr)',
    imgPerS: wasm.imgPerS,
    note: `${epochs} epochs, test acc ${((wasm.testAcc ?? 0) * 100).toFixed(2)}%, ${(wasm.images / wasm.cpuSeconds).toFixed(0)} img per CPU-second, loss/epoch ${wasm.epochLoss.map((l) => l.toFixed(3)).join(' ')}, tensors after each epoch ${wasm.tensorsAfterEpoch.join(' ')}, loop: ${wasm.loop}`,
  });
  const replicas = Number(a.replicas ?? m.cores);
  let dp: TfjsResult | null = null;
  if (replicas > 1) {
    console.log(`tfjs wasm, data-parallel over ${replicas} worker threads: ${epochs} epochs...`);
    dp = await trainDataParallel(replicas, train, test, epochs);
    rows.push({
      name: `bench loop, wasm x${replicas} workers`,
      imgPerS: dp.imgPerS,
      note: `${epochs} epochs, test acc ${((dp.testAcc ?? 0) * 100).toFixed(2)}%, loss/epoch ${dp.epochLoss.map((l) => l.toFixed(3)).join(' ')}, tensors after each epoch ${dp.tensorsAfterEpoch.join(' ')}`,
    });
  }
  let cpu: TfjsResult | null = null;
  if (!a['no-cpu'] && cpuBatches > 0) {
    console.log(`tfjs cpu: ${cpuBatches} batches only (it trains at about 25 images/s)...`);
    cpu = await trainTfjs('cpu', train, null, { epochs: 1, maxBatches: cpuBatches });
    rows.push({ name: 'tfjs cpu', imgPerS: cpu.imgPerS, note: `${cpuBatches} batches only, no accuracy` });
  }
  const ref = torch && typeof torch !== 'string' ? torch.img_per_s : null;
  console.log('\nLeNet-5, Fashion-MNIST, batch 64, SGD lr 0.01 momentum 0.9');
  console.log(`${'run'.padEnd(28)} ${'img/s'.padStart(8)} ${'vs pytorch'.padStart(10)}  notes`);
  for (const r of rows) {
    const ratio = ref ? `${(r.imgPerS / ref).toFixed(3)}x` : '-';
    console.log(`${r.name.padEnd(28)} ${r.imgPerS.toFixed(0).padStart(8)} ${ratio.padStart(10)}  ${r.note}`);
  }
  const leak = wasm.tensorsAfterEpoch.some((t) => t !== wasm.tensorsAfterEpoch[0]);
  if (leak) console.log(`WARNING: the tensor count grew across epochs: ${wasm.tensorsAfterEpoch.join(' ')}`);
  if ((wasm.testAcc ?? 0) < 0.85)
    console.log(`WARNING: wasm test accuracy ${wasm.testAcc} is below 85% after ${epochs} epochs`);
  // The PyTorch engine against plain PyTorch and the built-in engine (LeNet-5, ResNet-18 3x32x32).
  const torchEngine = a['no-torch-engine']
    ? []
    : benchTorchEngine({ lenetN: 12800, resnetN: 512, epochs: 1, rounds: 2 });
  if (torchEngine.length) printTorchEngineRows(torchEngine);
  if (a.json)
    writeFileSync(a.json, JSON.stringify({ machine: m, torch, engine, wasm, dp, cpu, rows, torchEngine }, null, 2));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
