/**
 * A data-parallel helper (worker_threads, its own tfjs instance): gets its shard of each batch,
 * and runs the same replica step as the coordinator (parallel.ts `replicaStep`): gradients into
 * the shared exchange, the batch's mean out of it, and the same optimizer update with its own
 * copy of the optimizer, so every replica holds the same weights (as DistributedDataParallel
 * replicas do). On a resynchronising request it first takes the coordinator's weights and
 * optimizer state. Failures end the exchange, with the message, for every replica.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { createOptimizer } from '../../../app/training/optimizers';
import { injectHelperFault } from '../reliability/fault';
import { loadBackend } from './backend';
import { setOrtGemmThreads } from './wasm-kernels/ort-gemm';
import { GradientExchange } from './exchange';
import { replicaStep, shardedReplicaStep } from './parallel';
import type { GradRequest, GradWorkerInit, GradWorkerReply } from './parallel-protocol';

const init = workerData as GradWorkerInit;
const post = (m: GradWorkerReply) => parentPort?.postMessage(m);
const who = `data-parallel helper ${init.rank}`;

setOrtGemmThreads(init.ortThreads ?? 1);
const backend = await loadBackend(init.backend);
if (!backend.ok) {
  post({ type: 'error', message: backend.error });
} else {
  const tf = backend.value.tf;
  const compiled = compileGraph(tf, init.graph, { seed: init.seed });
  if (!compiled.ok) {
    post({ type: 'error', message: compiled.error });
  } else {
    const model = compiled.value.model;
    const params = model.trainableWeights.map((w) => w.read() as unknown as Variable);
    const opt = createOptimizer(tf, params, init.optimizer);
    const ex = new GradientExchange(init.exchange, init.rank);
    let closing = false;
    // A helper thread that ends any other way than being closed would leave the others waiting.
    process.on('exit', () => {
      if (!closing) ex.fail(`${who} exited`);
    });
    parentPort?.on('message', (m: GradRequest | { type: 'close' }) => {
      if (m.type === 'close') {
        closing = true;
        opt.dispose();
        parentPort?.close();
        return;
      }
      try {
        if (m.weights) {
          const weights = m.weights;
          model.weights.forEach((w, i) => {
            const t = tf.tensor(weights[i], w.shape as number[]);
            w.write(t);
            t.dispose();
          });
        }
        if (m.optimizerState) opt.setState(m.optimizerState);
        opt.lr = m.lr;
      } catch (e) {
        ex.fail(
          `${who}: taking the coordinator's weights failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
        );
        return;
      }
      try {
        injectHelperFault();
      } catch (e) {
        ex.fail(`${who}: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      try {
        if (m.sharded)
          shardedReplicaStep(tf, model, params, init.optimizer, m.lr, m.sharded, ex, init.settings, m, who);
        else replicaStep(tf, model, params, opt, ex, init.settings, m, who);
      } catch {
        // replicaStep has failed the exchange with the reason; the coordinator reports it.
      }
    });
    post({ type: 'ready' });
  }
}
