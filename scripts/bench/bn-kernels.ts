// BatchNorm2d's training step (forward and backward: y, dx, dgamma, dbeta, running statistics) at
// ResNet-18's shapes (3x32x32 inputs, batch 64) on the wasm backend: the fused op
// (app/compiler/tfjs/custom/batchnorm-fused.ts) against the written-out formula through the tape,
// and PyTorch's (F.batch_norm forward and backward, one thread). Best of --runs, in CPU time of
// the process (both sides on one thread; PyTorch on OpenBLAS where installed, torch-blas.ts, though
// batch_norm runs no BLAS routine).
// Run: npx tsx scripts/bench/bn-kernels.ts [--runs 5] [--no-torch]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../main/node/engine/wasm-kernels/index';
import { defineTorchBatchNorm } from '../../app/compiler/tfjs/custom/batchnorm';
import { setFusedBatchNorm } from '../../app/compiler/tfjs/custom/batchnorm-fused';
import type { Tf } from '../../app/compiler/tfjs/tf';
import { describeTorchBlas, torchEnv, type TorchBlasInfo } from './torch-blas';

/** [N, H, W, C] and how many of ResNet-18's BatchNorm layers have it. */
const SHAPES: [number[], number][] = [
  [[64, 16, 16, 64], 1],
  [[64, 8, 8, 64], 4],
  [[64, 4, 4, 128], 5],
  [[64, 2, 2, 256], 5],
  [[64, 1, 1, 512], 5],
];

const TORCH = `
import json, sys, time, torch
import torch.nn.functional as F
sys.path.insert(0, sys.argv[2])
from torch_blas import loaded_blas
torch.set_num_threads(1)
shapes, runs = json.loads(sys.argv[1])
out = []
for n, h, w, c in shapes:
    x = torch.randn(n, c, h, w, requires_grad=True)
    g = torch.ones(c, requires_grad=True); b = torch.zeros(c, requires_grad=True)
    rm = torch.zeros(c); rv = torch.ones(c); dy = torch.randn(n, c, h, w)
    best = float('inf')
    for i in range(runs + 1):
        t0 = time.process_time()
        y = F.batch_norm(x, rm, rv, g, b, training=True, momentum=0.1, eps=1e-5)
        y.backward(dy)
        t = (time.process_time() - t0) * 1000
        x.grad = None; g.grad = None; b.grad = None
        if i > 0: best = min(best, t)
    out.append(best)
print(json.dumps({"ms": out, **loaded_blas()}))
`;

const ttf = { ...tf, ...tfl } as unknown as Tf;
const Bn = defineTorchBatchNorm(ttf);

function engineMs(shape: number[], runs: number): number {
  const layer = new Bn({ axis: 3, eps: 1e-5, momentum: 0.1, affine: true, trackRunningStats: true });
  const x = tf.variable(tf.randomNormal(shape));
  const dy = tf.randomNormal(shape);
  layer.build(shape);
  const vars = [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
  let best = Infinity;
  for (let i = 0; i <= runs; i++) {
    const c0 = process.cpuUsage();
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, dy)) as tf.Scalar,
      vars,
    );
    grads[x.name].dataSync();
    const c = process.cpuUsage(c0);
    tf.dispose([value, ...Object.values(grads)]);
    if (i > 0) best = Math.min(best, (c.user + c.system) / 1000);
  }
  tf.dispose([x, dy]);
  tf.dispose(layer.weights.map((w) => w.read()));
  return best;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, 'no-torch': { type: 'boolean' } },
  });
  const runs = Number(values.runs);
  registerWasmTrainingKernels(tf);
  await tf.setBackend('wasm');
  let torch: number[] | null = null;
  if (!values['no-torch']) {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const out = execFileSync('/usr/bin/python3', ['-c', TORCH, JSON.stringify([SHAPES.map(([s]) => s), runs]), here], {
      encoding: 'utf8',
      env: torchEnv(1),
    });
    const r = JSON.parse(out.trim()) as TorchBlasInfo & { ms: number[] };
    console.log(describeTorchBlas(r));
    torch = r.ms;
  }
  console.log('BatchNorm2d forward + backward, CPU ms, best of', runs);
  console.log('shape (NHWC)        x  unfused   fused  PyTorch  fused vs unfused  vs PyTorch');
  const total = [0, 0, 0];
  SHAPES.forEach(([shape, count], i) => {
    setFusedBatchNorm(false);
    const before = engineMs(shape, runs);
    setFusedBatchNorm(true);
    const fused = engineMs(shape, runs);
    const pt = torch ? torch[i] : NaN;
    total[0] += before * count;
    total[1] += fused * count;
    total[2] += pt * count;
    console.log(
      `${JSON.stringify(shape).padEnd(18)} ${String(count).padStart(2)} ${before.toFixed(2).padStart(8)} ${fused
        .toFixed(2)
        .padStart(7)} ${pt.toFixed(2).padStart(8)} ${(before / fused).toFixed(1).padStart(16)}x ${(pt / fused)
        .toFixed(2)
        .padStart(10)}x`,
    );
  });
  console.log(
    `ResNet-18's 20 layers: unfused ${total[0].toFixed(1)} ms, fused ${total[1].toFixed(1)} ms, PyTorch ${total[2].toFixed(1)} ms`,
  );
}

void main();
