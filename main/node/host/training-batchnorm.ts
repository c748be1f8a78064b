/**
 * `runs.batchnorm`: for each BatchNorm layer of a run's loaded checkpoint, the per-channel mean
 * and (biased, as train() normalizes with) variance of its input in train mode over a few samples
 * of the run's training split (the test split when the run has none), beside the layer's
 * running_mean/running_var. Named by module path (`features.1`), for the doctor's drift check.
 */
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BatchNormStats } from '../../../app/doctor/curves/types';
import { bindingVariable } from '../../../app/compiler/tfjs/statedict';
import type { HostResult } from '../../../app/protocol';
import { ok } from '../../../app/result';
import type { Loaded } from './training-eval';
import { readSamples } from '../../../app/data/samples';

/** Samples the batch statistics are taken over. */
export const BATCHNORM_SAMPLES = 64;

/** Per-channel mean and biased variance of `values` (shape [N, ...]) along `axis`. */
export function channelStats(
  values: Float32Array,
  shape: number[],
  axis: number,
): { mean: number[]; variance: number[] } {
  const c = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const sum = new Float64Array(c);
  const sq = new Float64Array(c);
  for (let i = 0; i < values.length; i++) {
    const ch = Math.floor(i / inner) % c;
    sum[ch] += values[i];
    sq[ch] += values[i] * values[i];
  }
  const count = values.length / c || 1;
  const mean = Array.from(sum, (s) => s / count);
  const variance = Array.from(sq, (s, ch) => Math.max(0, s / count - mean[ch] * mean[ch]));
  return { mean, variance };
}

export function batchnormStats(
  l: Pick<Loaded, 'tf' | 'compiled' | 'test' | 'train'>,
  samples = BATCHNORM_SAMPLES,
): HostResult<{ samples: number; layers: BatchNormStats[] }> {
  const { tf, compiled } = l;
  const ds = l.train && l.train.n > 0 ? l.train : l.test;
  const found: { nodeId: string; name: string; input: SymbolicTensor; mean: number[]; variance: number[] }[] = [];
  for (const node of compiled.nodes) {
    const rm = node.bindings.find((b) => b.name === 'running_mean');
    const rv = node.bindings.find((b) => b.name === 'running_var');
    if (!rm || !rv) continue;
    let input: SymbolicTensor;
    try {
      input = (rm.layer as unknown as { input: SymbolicTensor }).input;
    } catch {
      continue; // a layer applied more than once has no single input
    }
    const read = (b: typeof rm) => Array.from(bindingVariable(b).read().dataSync() as Float32Array);
    const param = compiled.namer(node.nodeId, 'running_mean');
    found.push({
      nodeId: node.nodeId,
      name: param.endsWith('.running_mean') ? param.slice(0, -'.running_mean'.length) : param,
      input,
      mean: read(rm),
      variance: read(rv),
    });
  }
  const n = Math.min(ds.n, Math.max(1, samples));
  if (!found.length || n === 0) return ok({ samples: 0, layers: [] });
  const model = compiled.model as unknown as LayersModel;
  const sub = tf.model({ inputs: model.inputs, outputs: found.map((f) => f.input) });
  // In train mode, as the batch statistics are in PyTorch's train(): upstream BatchNorms normalize
  // with their batch statistics, not with the running ones looked at. That pass updates the
  // running statistics (and counters), so every non-trainable weight is put back after it.
  const buffers = model.nonTrainableWeights.map((w) => ({ w, saved: tf.clone(w.read() as never) as Tensor }));
  let outs: Tensor[];
  try {
    outs = tf.tidy(() => {
      const r = sub.apply(tf.tensor(readSamples(ds, 0, n), [n, ...ds.shape], 'float32'), { training: true });
      return (Array.isArray(r) ? r : [r]) as Tensor[];
    });
  } finally {
    for (const { w, saved } of buffers) {
      w.write(saved as never);
      saved.dispose();
    }
  }
  const layers = found.map((f, i) => {
    const t = outs[i];
    // As the converter: NHWC feature maps keep channels last, [N, F] and [N, C, L] on axis 1.
    const axis = t.rank === 4 ? 3 : 1;
    const s = channelStats(t.dataSync() as Float32Array, t.shape.slice(), axis);
    return {
      nodeId: f.nodeId,
      name: f.name,
      runningMean: f.mean,
      runningVar: f.variance,
      batchMean: s.mean,
      batchVar: s.variance,
    };
  });
  tf.dispose(outs);
  return ok({ samples: n, layers });
}
