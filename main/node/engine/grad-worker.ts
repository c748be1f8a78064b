/**
 * A data-parallel helper (worker_threads, its own tfjs instance): gets a shard of each batch and
 * returns that shard's loss, correct count and gradients; then applies the batch's averaged
 * gradients with its own copy of the optimizer, in parallel with the coordinator doing the same,
 * so both hold the same weights (as DistributedDataParallel replicas do). On a resynchronising
 * request it takes the coordinator's weights and optimizer state instead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { createOptimizer } from '../../../app/training/optimizers';
import { applyGradients, computeGradients } from '../../../app/training/step';
import { loadBackend } from './backend';
import type { GradApply, GradRequest, GradWorkerInit, GradWorkerReply } from './parallel-protocol';

const init = workerData as GradWorkerInit;
const post = (m: GradWorkerReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);

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
    // An update that failed leaves this replica's weights behind the coordinator's: the next
    // request reports it (an `apply` has no reply, and nothing waits on it yet).
    let failed: string | null = null;
    parentPort?.on('message', (m: GradRequest | GradApply | { type: 'close' }) => {
      if (m.type === 'close') {
        opt.dispose();
        parentPort?.close();
        return;
      }
      if (m.type === 'step' && failed !== null) {
        post({ type: 'error', message: failed });
        return;
      }
      try {
        if (m.type === 'apply') {
          opt.lr = m.lr;
          applyGradients(tf, opt, m.grads.map((g, i) => tf.tensor(g, params[i].shape)), init.settings);
          return;
        }
        if (m.weights) {
          const weights = m.weights;
          model.weights.forEach((w, i) => {
            const t = tf.tensor(weights[i], w.shape as number[]);
            w.write(t);
            t.dispose();
          });
        }
        if (m.optimizerState) opt.setState(m.optimizerState);
        if (m.n === 0) {
          post({ type: 'grads', id: m.id, loss: 0, correct: 0, grads: [] });
          return;
        }
        const x = tf.tensor(m.x, [m.n, ...m.shape], 'float32');
        const y = tf.tensor1d(m.y, 'int32');
        const g = computeGradients(tf, model, params, x, y, init.settings);
        const grads = g.grads.map((t, i) => (t ? (t.dataSync() as Float32Array).slice() : new Float32Array(params[i].size)));
        tf.dispose([x, y, ...g.grads.filter((t): t is Tensor => t !== null)]);
        post({ type: 'grads', id: m.id, loss: g.loss, correct: g.correct, grads }, grads.map((a) => a.buffer as ArrayBuffer));
      } catch (e) {
        const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
        if (m.type === 'apply') failed = `applying the averaged gradients failed: ${message}`;
        else post({ type: 'error', message });
      }
    });
    post({ type: 'ready' });
  }
}
