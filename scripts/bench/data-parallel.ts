// The benchmark's data-parallel run: `replicas` worker threads (each its own wasm instance),
// the dataset shared once through SharedArrayBuffers, global batch 64 split between them.
import type { Dataset } from '../../app/data/types';
import { createExchange } from '../../main/node/engine/exchange';
import { flatSize } from '../../main/node/engine/flat';
import { startWorker } from '../../main/node/engine/wasm-kernels/ts-worker';
import type { TfjsResult } from './tfjs-train';
import { allSamples, sampleSize } from '../../app/data/samples';

// LeNet-5's parameter shapes (61,706 values) and one slot for the loss.
const LENET_PARAMS = [[5, 5, 1, 6], [6], [5, 5, 6, 16], [16], [400, 120], [120], [120, 84], [84], [84, 10], [10]];

function shared(d: Dataset): { x: Float32Array; y: Int32Array; n: number; shape: number[] } {
  const x = new Float32Array(new SharedArrayBuffer(d.n * sampleSize(d) * Float32Array.BYTES_PER_ELEMENT));
  x.set(allSamples(d));
  const y = new Int32Array(new SharedArrayBuffer(d.y.byteLength));
  y.set(d.y);
  return { x, y, n: d.n, shape: d.shape };
}

interface ReplicaResult {
  seconds: number;
  images: number;
  epochLoss: number[];
  tensors: number[];
  testAcc: number | null;
  loop: string;
  error?: string;
}

export async function trainDataParallel(
  replicas: number,
  train: Dataset,
  test: Dataset,
  epochs: number,
): Promise<TfjsResult> {
  const buffers = createExchange(flatSize(LENET_PARAMS) + 1, replicas);
  const trainS = shared(train),
    testS = shared(test);
  const url = new URL('./dp-worker.ts', import.meta.url);
  const results = await Promise.all(
    Array.from(
      { length: replicas },
      (_, rank) =>
        new Promise<ReplicaResult>((resolve, reject) => {
          const w = startWorker(url, {
            workerData: { buffers, rank, epochs, batch: 64, seed: 0, train: trainS, test: rank === 0 ? testS : null },
          });
          w.once('message', (m: ReplicaResult) => {
            void w.terminate();
            if (m.error) reject(new Error(m.error));
            else resolve(m);
          });
          w.once('error', reject);
        }),
    ),
  );
  const r0 = results[0];
  const seconds = Math.max(...results.map((r) => r.seconds));
  return {
    backend: `wasm x${replicas} workers`,
    loop: r0.loop,
    images: r0.images,
    seconds,
    imgPerS: r0.images / seconds,
    cpuSeconds: NaN,
    testAcc: r0.testAcc,
    epochLoss: r0.epochLoss,
    tensorsAfterEpoch: r0.tensors,
  };
}
