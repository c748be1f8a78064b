// Per-kernel timings of VGG-11-BN's classifier (Linear 25088->4096, 4096->4096, 4096->1000 at
// batch 64, as torchvision builds it also for 3x32x32 inputs: AdaptiveAvgPool2d((7, 7)) first) on
// the wasm backend with the project's kernels, against PyTorch's (linear_kernels.py, one thread,
// same invocation): forward (_FusedMatMul: product, bias, ReLU), input gradient dz . W^T and
// weight gradient x^T . dz (BatchMatMul with a transposed operand). Best of --runs each, in CPU
// time of the process. --before also times the products on XNNPACK (ONNX Runtime switched off:
// the transposed operand written out, then the backend's product). PyTorch runs on OpenBLAS where
// it is installed (--torch-blas reference: on the reference BLAS, against which these layers are
// many times slower; torch-blas.ts).
// Run: npx tsx scripts/bench/linear-kernels.ts [--runs 3] [--before] [--no-torch] [--torch-blas auto|reference]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../main/node/engine/wasm-kernels/index';
import { ortGemmStatus, setOrtGemm } from '../../main/node/engine/wasm-kernels/ort-gemm';
import { bestCpuMs } from './cpu-best';
import { describeTorchBlas, setTorchBlas, torchKernelTimes, type TorchBlasInfo } from './torch-blas';

type Triple = [number, number, number];
interface LinearShape {
  name: string;
  batch: number;
  fin: number;
  fout: number;
}

export const LINEAR_SHAPES: LinearShape[] = [
  { name: 'vgg fc1 25088->4096', batch: 64, fin: 25088, fout: 4096 },
  { name: 'vgg fc2 4096->4096', batch: 64, fin: 4096, fout: 4096 },
  { name: 'vgg fc3 4096->1000', batch: 64, fin: 4096, fout: 1000 },
];

function engineTimes(s: LinearShape, runs: number): Triple {
  const x = tf.randomNormal([s.batch, s.fin]),
    w = tf.randomNormal([s.fin, s.fout]),
    b = tf.randomNormal([s.fout]),
    dz = tf.randomNormal([s.batch, s.fout]);
  const r: Triple = [
    bestCpuMs(
      runs,
      () =>
        tf
          .engine()
          .runKernel(
            '_FusedMatMul',
            { a: tf.reshape(x, [1, s.batch, s.fin]), b: tf.reshape(w, [1, s.fin, s.fout]), bias: b },
            { transposeA: false, transposeB: false, activation: 'relu', leakyreluAlpha: 0 },
          ) as tf.Tensor,
    ),
    bestCpuMs(runs, () => tf.matMul(dz, w, false, true)),
    bestCpuMs(runs, () => tf.matMul(x, dz, true, false)),
  ];
  tf.dispose([x, w, b, dz]);
  return r;
}

function torchTimes(runs: number): { ms: Record<string, Triple>; blas: TorchBlasInfo } | string {
  return torchKernelTimes<Triple>(
    fileURLToPath(new URL('./linear_kernels.py', import.meta.url)),
    { shapes: LINEAR_SHAPES, runs },
    1,
  );
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      before: { type: 'boolean' },
      'no-torch': { type: 'boolean' },
      'torch-blas': { type: 'string' },
    },
  });
  const blasError = setTorchBlas(a['torch-blas']);
  if (blasError) throw new Error(blasError);
  const runs = Number(a.runs);
  registerWasmTrainingKernels(tf);
  await tf.setBackend('wasm');
  await tf.ready();
  const status = ortGemmStatus();
  console.log(`ONNX Runtime: ${status.active ? 'on' : `off (${status.reason})`}; CPU ms, best of ${runs}`);
  const rows: { name: string; engine: Triple; before: Triple | null }[] = [];
  for (const s of LINEAR_SHAPES) {
    setOrtGemm('auto');
    const engine = engineTimes(s, runs);
    let before: Triple | null = null;
    if (a.before) {
      setOrtGemm('off');
      before = engineTimes(s, runs);
      setOrtGemm('auto');
    }
    rows.push({ name: s.name, engine, before });
  }
  const torch = a['no-torch'] ? 'PyTorch skipped' : torchTimes(runs);
  console.log(typeof torch === 'string' ? torch : describeTorchBlas(torch.blas));
  const f = (t: Triple | null | undefined) => (t ? t.map((v) => v.toFixed(1)).join(' / ') : '-');
  console.log(
    '| layer (batch 64) | before fwd / dx / dW | engine fwd / dx / dW | PyTorch 1 thr fwd / dx / dW | ratio |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const t = typeof torch === 'string' ? null : torch.ms[r.name];
    const ratio = t ? r.engine.map((v, i) => `${(t[i] / v).toFixed(2)}x`).join(' / ') : '-';
    console.log(`| ${r.name} | ${f(r.before)} | ${f(r.engine)} | ${f(t)} | ${ratio} |`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
