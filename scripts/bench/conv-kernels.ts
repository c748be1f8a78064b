// Per-kernel timings of ResNet-18's and VGG-11-BN's convolutions (3x32x32 inputs, batch 64) on
// the wasm backend with the project's kernels, against PyTorch's (conv_kernels.py, one thread,
// run in the same invocation): forward (Conv2D), input gradient (Conv2DBackpropInput), filter
// gradient (Conv2DBackpropFilter). Best of --runs each, in CPU time of the process (steadier than
// the wall clock on a shared machine; both sides run on one thread; PyTorch on OpenBLAS where it is
// installed, --torch-blas reference: on the reference BLAS; torch-blas.ts). --before also times the engine with the
// kernel choices before issue 19 (no whole-map path, the convolution path for filter gradients).
// Run: npx tsx scripts/bench/conv-kernels.ts [--runs 3] [--model resnet18|vgg11_bn|all] [--before]
// [--torch-blas auto|reference] [--json FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../main/node/engine/wasm-kernels/index';
import { setWholeMapConv } from '../../main/node/engine/wasm-kernels/whole-map-conv';
import { setOrtGemm } from '../../main/node/engine/wasm-kernels/ort-gemm';
import { setChannelReduce } from '../../main/node/engine/wasm-kernels/channel-reduce';
import { setFilterGradPath } from '../../main/node/engine/wasm-kernels/conv2d-backprop-filter';
import { CONV_SHAPES, outSize, type ConvShape } from './conv-shapes';
import { bestCpuMs } from './cpu-best';
import { describeTorchBlas, setTorchBlas, torchKernelTimes, type TorchBlasInfo } from './torch-blas';

type Triple = [number, number, number];

function engineTimes(c: ConvShape, runs: number): Triple {
  const [n, h, w, ci] = c.x;
  const x = tf.randomNormal(c.x),
    f = tf.randomNormal([c.k, c.k, ci, c.oc]);
  const dy = tf.randomNormal([n, outSize(h, c), outSize(w, c), c.oc]);
  const attrs = { strides: c.s, pad: c.p, dataFormat: 'NHWC' };
  const r: Triple = [
    bestCpuMs(runs, () => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.s, c.p)),
    bestCpuMs(runs, () =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: f }, { ...attrs, inputShape: c.x }),
    ),
    bestCpuMs(runs, () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: f.shape })),
  ];
  tf.dispose([x, f, dy]);
  return r;
}

export function torchConvTimes(
  shapes: ConvShape[],
  runs: number,
  threads: number,
): { ms: Record<string, Triple>; blas: TorchBlasInfo } | string {
  return torchKernelTimes<Triple>(
    fileURLToPath(new URL('./conv_kernels.py', import.meta.url)),
    { shapes, runs, threads },
    threads,
  );
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      model: { type: 'string', default: 'all' },
      before: { type: 'boolean' },
      'torch-blas': { type: 'string' },
      json: { type: 'string' },
    },
  });
  const blasError = setTorchBlas(a['torch-blas']);
  if (blasError) throw new Error(blasError);
  const runs = Number(a.runs);
  const shapes = CONV_SHAPES.filter((c) => a.model === 'all' || c.model === a.model);
  registerWasmTrainingKernels(tf);
  await tf.setBackend('wasm');
  await tf.ready();
  const torch = torchConvTimes(shapes, runs, 1);
  console.log(typeof torch === 'string' ? torch : describeTorchBlas(torch.blas));
  const rows: { name: string; count: number; engine: Triple; before: Triple | null; torch: Triple | null }[] = [];
  for (const c of shapes) {
    setWholeMapConv(true);
    const engine = engineTimes(c, runs);
    let before: Triple | null = null;
    if (a.before) {
      setWholeMapConv(false);
      setFilterGradPath('conv');
      setOrtGemm('off');
      setChannelReduce(false);
      before = engineTimes(c, runs);
      setWholeMapConv(true);
      setFilterGradPath('auto');
      setOrtGemm('auto');
      setChannelReduce(true);
    }
    rows.push({
      name: c.name,
      count: c.count,
      engine,
      before,
      torch: typeof torch === 'string' ? null : torch.ms[c.name],
    });
  }
  const fmt = (v: number) => v.toFixed(1);
  const ratio = (t: number | undefined, e: number) => (t === undefined ? '-' : `${(t / e).toFixed(2)}x`);
  console.log(`best of ${runs}, CPU ms; ratio = PyTorch time / engine time (above 1: the engine is faster)`);
  const head = a.before ? '| before fwd / dx / dW ' : '';
  console.log(
    `| convolution (batch 64) | x ${head}| engine fwd / dx / dW | PyTorch 1 thr fwd / dx / dW | ratio fwd / dx / dW |`,
  );
  console.log(`| --- | --- | ${a.before ? '--- | ' : ''}--- | --- | --- |`);
  for (const r of rows) {
    const before = r.before ? `| ${r.before.map(fmt).join(' / ')} ` : '';
    const t = r.torch;
    console.log(
      `| ${r.name} | ${r.count} ${before}| ${r.engine.map(fmt).join(' / ')} | ${t ? t.map(fmt).join(' / ') : '-'} | ${r.engine.map((e, i) => ratio(t?.[i], e)).join(' / ')} |`,
    );
  }
  const total = (pick: (r: (typeof rows)[number]) => Triple | null) =>
    rows.reduce((s, r) => {
      const v = pick(r);
      return v ? s + r.count * (v[0] + v[1] + v[2]) : NaN;
    }, 0);
  console.log(
    `step total (x count): engine ${fmt(total((r) => r.engine))} ms${a.before ? `, before ${fmt(total((r) => r.before))} ms` : ''}, PyTorch ${fmt(total((r) => r.torch))} ms`,
  );
  if (a.json) writeFileSync(a.json, JSON.stringify(rows, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
