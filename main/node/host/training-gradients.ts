/**
 * `runs.gradients`: after training, the gradients of the run's loss (its `loss` setting, + L1
 * when set, as in training) on one batch of its training split (the first `batch_size` samples,
 * at most 256, no augmentation) at the loaded checkpoint, per trainable parameter with
 * PyTorch's name and layout (`features.0.weight`, conv [out, in, kh, kw]): mean, std, min,
 * max, max |g| and a 20-bin histogram. Nothing is updated: the weights stay as saved.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { bindingVariable, toTorchLayout } from '../../../app/compiler/tfjs/statedict';
import type { HostResult } from '../../../app/protocol';
import { err, ok } from '../../../app/result';
import { computeGradients } from '../../../app/training/step';
import { paramStat, type Loaded } from './training-eval';
import { readSamples } from '../../../app/data/samples';

type GradStat = ReturnType<typeof paramStat> & { max_abs: number };

export function gradients(
  l: Loaded,
  nodeId?: string,
): HostResult<{ loss: number; batch: number; checkpoint: string; params: GradStat[] }> {
  const { tf, compiled, train, training } = l;
  if (!train || !training || train.n === 0)
    return err({
      code: 'failed',
      message: `${l.dir}: the run's training split is empty; gradients need training samples.`,
    });
  const model = compiled.model;
  const trainable = model.trainableWeights;
  const params = trainable.map((w) => w.read() as unknown as Variable);
  const n = Math.min(train.n, Math.max(1, Math.min(256, training.batch_size)));
  const x = tf.tensor(readSamples(train, 0, n), [n, ...train.shape], 'float32');
  const y = tf.tensor(train.y.subarray(0, n), [n], 'int32');
  const g = computeGradients(tf as never, model as never, params as never, x as never, y as never, {
    loss: training.loss,
    l1: training.l1,
    clip_grad_norm: null,
  });
  tf.dispose([x, y]);
  const out: GradStat[] = [];
  try {
    for (const node of compiled.nodes) {
      if (nodeId && node.nodeId !== nodeId) continue;
      for (const b of node.bindings) {
        if (b.kind === 'counter') continue;
        const v = bindingVariable(b);
        const i = trainable.indexOf(v);
        const grad = i >= 0 ? (g.grads[i] as unknown as Tensor | null) : null;
        if (!grad) continue;
        const t = toTorchLayout(tf, b, grad as never);
        const values = t.dataSync() as Float32Array;
        const stat = paramStat(compiled.namer(node.nodeId, b.name), t.shape.slice(), values);
        t.dispose();
        out.push({ ...stat, max_abs: Math.max(Math.abs(stat.min), Math.abs(stat.max)) });
      }
    }
  } finally {
    tf.dispose(g.grads.filter((t) => t !== null) as never);
  }
  if (nodeId && !out.length)
    return err({ code: 'not-found', message: `node ${nodeId} has no trainable parameters in the run's model.` });
  return ok({ loss: g.loss, batch: n, checkpoint: l.checkpoint, params: out });
}
