// Per-kernel timings for one LeNet-5 training step (batch 64) on the wasm backend: tfjs-wasm's
// own kernel (where it has one) against the project's, and the project's alternative paths.
// Minimum of N runs each, interleaved, so a busy machine disturbs the comparison less.
// Run: npx tsx scripts/bench/kernels.ts [runs]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from '../../main/node/engine/wasm-kernels/index';
import { setFilterGradPath } from '../../main/node/engine/wasm-kernels/conv2d-backprop-filter';
import { setInputGradPath } from '../../main/node/engine/wasm-kernels/conv2d-backprop-input';

type Case = { name: string; kernel: string; inputs: Record<string, tf.Tensor>; attrs: object; setup?: () => void };

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 30);
  await tf.setBackend('wasm');
  await tf.ready();
  const originals = new Map<string, KernelConfig>();
  for (const k of ['Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Identity'])
    originals.set(k, tf.getKernel(k, 'wasm') as KernelConfig);
  registerWasmTrainingKernels(tf);
  const r = (shape: number[]) => tf.randomNormal(shape);
  const x1 = r([64, 32, 32, 1]),
    dy1 = r([64, 28, 28, 6]),
    w1 = r([5, 5, 1, 6]);
  const x2 = r([64, 14, 14, 6]),
    dy2 = r([64, 10, 10, 16]),
    w2 = r([5, 5, 6, 16]);
  const p1 = tf.relu(r([64, 28, 28, 6])),
    g1 = r([64, 14, 14, 6]);
  const a = r([64, 400]),
    d = r([64, 120]),
    wf = r([400, 120]);
  const cases: Case[] = [];
  for (const [tag, x, dy, w] of [
    ['conv1', x1, dy1, w1],
    ['conv2', x2, dy2, w2],
  ] as const) {
    const filterAttrs = { strides: 1, pad: 'valid', filterShape: w.shape };
    cases.push({
      name: `Conv2DBackpropFilter ${tag}, project conv path`,
      kernel: 'Conv2DBackpropFilter',
      inputs: { x, dy },
      attrs: filterAttrs,
      setup: () => setFilterGradPath('auto'),
    });
    cases.push({
      name: `Conv2DBackpropFilter ${tag}, project im2col+GEMM`,
      kernel: 'Conv2DBackpropFilter',
      inputs: { x, dy },
      attrs: filterAttrs,
      setup: () => setFilterGradPath('im2col'),
    });
    const inputAttrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: x.shape };
    cases.push({
      name: `Conv2DBackpropInput ${tag}, tfjs-wasm`,
      kernel: 'orig:Conv2DBackpropInput',
      inputs: { dy, filter: w },
      attrs: inputAttrs,
    });
    cases.push({
      name: `Conv2DBackpropInput ${tag}, project conv path`,
      kernel: 'Conv2DBackpropInput',
      inputs: { dy, filter: w },
      attrs: inputAttrs,
      setup: () => setInputGradPath('conv'),
    });
    cases.push({
      name: `Conv2DBackpropInput ${tag}, project GEMM+col2im`,
      kernel: 'Conv2DBackpropInput',
      inputs: { dy, filter: w },
      attrs: inputAttrs,
      setup: () => setInputGradPath('gemm'),
    });
  }
  const poolAttrs = { filterSize: 2, strides: 2, pad: 'valid' };
  cases.push({
    name: 'MaxPoolGrad pool1, tfjs-wasm',
    kernel: 'orig:MaxPoolGrad',
    inputs: { dy: g1, input: p1, output: g1 },
    attrs: poolAttrs,
  });
  cases.push({
    name: 'MaxPoolGrad pool1, project',
    kernel: 'MaxPoolGrad',
    inputs: { dy: g1, input: p1, output: g1 },
    attrs: poolAttrs,
  });
  cases.push({
    name: 'BatchMatMul fc1 dW (A^T B), tfjs-wasm',
    kernel: 'orig:BatchMatMul',
    inputs: { a, b: d },
    attrs: { transposeA: true, transposeB: false },
  });
  cases.push({
    name: 'BatchMatMul fc1 dW (A^T B), project',
    kernel: 'BatchMatMul',
    inputs: { a, b: d },
    attrs: { transposeA: true, transposeB: false },
  });
  cases.push({
    name: 'BatchMatMul fc1 dX (B W^T), tfjs-wasm',
    kernel: 'orig:BatchMatMul',
    inputs: { a: d, b: wf },
    attrs: { transposeA: false, transposeB: true },
  });
  cases.push({
    name: 'BatchMatMul fc1 dX (B W^T), project',
    kernel: 'BatchMatMul',
    inputs: { a: d, b: wf },
    attrs: { transposeA: false, transposeB: true },
  });
  cases.push({ name: 'Identity [64,28,28,6], tfjs-wasm', kernel: 'orig:Identity', inputs: { x: p1 }, attrs: {} });
  cases.push({ name: 'Identity [64,28,28,6], project', kernel: 'Identity', inputs: { x: p1 }, attrs: {} });

  const backend = tf.backend();
  const best = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      c.setup?.();
      const t0 = performance.now();
      let out: TensorInfo;
      if (c.kernel.startsWith('orig:')) {
        out = (originals.get(c.kernel.slice(5)) as KernelConfig).kernelFunc({
          inputs: c.inputs,
          backend,
          attrs: c.attrs,
        } as never) as TensorInfo;
        backend.readSync(out.dataId);
        backend.disposeData(out.dataId);
      } else {
        const t = tf.engine().runKernel(c.kernel, c.inputs, c.attrs as never) as tf.Tensor;
        t.dataSync();
        t.dispose();
      }
      const ms = performance.now() - t0;
      best.set(c.name, Math.min(best.get(c.name) ?? Infinity, ms));
    }
  }
  setFilterGradPath('auto');
  setInputGradPath('auto');
  console.log(`| kernel (LeNet-5, batch 64) | best of ${runs}, ms |\n| --- | --- |`);
  for (const c of cases) console.log(`| ${c.name} | ${(best.get(c.name) as number).toFixed(2)} |`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
