/**
 * Weights in PyTorch's layout: conv weight [out, in, kh, kw] <-> tfjs [kh, kw, in, out],
 * Linear transposed, BatchNorm running stats and num_batches_tracked.
 */
import { isLayoutKind, tfToTorch, torchToTf } from './weight-layout';
import { err, ok, type Result } from '../../result';
import type { CompiledModel } from './compile';
import type { ParamBinding } from './converter';
import type { LayerVariable, Tensor, Tf } from './tf';

export interface StateEntry {
  /** The name PyTorch's state_dict gives it (`features.0.weight`; see names.ts), or `${nodeId}.${param}` with defaultNamer. */
  name: string;
  shape: number[];
  values: Float32Array;
}

/** The tfjs variable behind a binding. */
export function bindingVariable(b: ParamBinding): LayerVariable {
  const v = b.layer.weights.find((w) => w.originalName.split('/').pop() === b.weight);
  if (!v) throw new Error(`layer ${b.layer.name} has no weight ${b.weight}`);
  return v;
}

/** PyTorch shape of a binding's tensor. */
export function torchParamShape(b: ParamBinding): number[] {
  if (b.kind === 'counter') return [];
  const s = bindingVariable(b).shape as number[];
  if (b.kind === 'conv') return [s[3], s[2], s[0], s[1]];
  if (b.kind === 'conv1d') return [s[3], s[2], s[1]];
  if (b.kind === 'depthwise') return [s[2] * s[3], 1, s[0], s[1]];
  if (b.kind === 'linear') return [s[1], s[0]];
  return s;
}

/** A tfjs-layout tensor of a binding (its variable or its gradient) in PyTorch's layout (layout.ts). */
export function toTorchLayout(tf: Tf, b: ParamBinding, t: Tensor): Tensor {
  if (isLayoutKind(b.kind)) {
    const ts = torchParamShape(b);
    return tf.tensor(tfToTorch(t.dataSync() as Float32Array, b.kind, ts), ts, 'float32');
  }
  return tf.clone(t);
}

export function fromTorchLayout(tf: Tf, b: ParamBinding, values: Float32Array, tfShape: number[]): Tensor {
  if (isLayoutKind(b.kind)) return tf.tensor(torchToTf(values, b.kind, torchParamShape(b)), tfShape, 'float32');
  return tf.tensor(values, torchParamShape(b), 'float32');
}

export type Namer = (nodeId: string, param: string) => string;
export const defaultNamer: Namer = (nodeId, param) => `${nodeId}.${param}`;

/** All parameters and buffers, PyTorch layout and names, in graph then registration order. */
export function getStateDict(tf: Tf, compiled: CompiledModel, namer: Namer = compiled.namer): StateEntry[] {
  const out: StateEntry[] = [];
  for (const n of compiled.nodes) {
    for (const b of n.bindings) {
      const name = namer(n.nodeId, b.name);
      if (b.kind === 'counter') {
        const count = (b.layer as unknown as { numBatchesTracked: number }).numBatchesTracked;
        out.push({ name, shape: [], values: Float32Array.of(count) });
        continue;
      }
      const t = toTorchLayout(tf, b, bindingVariable(b).read());
      out.push({ name, shape: t.shape.slice(), values: t.dataSync() as Float32Array });
      t.dispose();
    }
  }
  return out;
}

/** Set parameters and buffers from PyTorch-layout entries; every tensor of the model must be given. */
export function setStateDict(
  tf: Tf,
  compiled: CompiledModel,
  entries: StateEntry[],
  namer: Namer = compiled.namer,
): Result<void> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const n of compiled.nodes) {
    for (const b of n.bindings) {
      const name = namer(n.nodeId, b.name);
      const e = byName.get(name);
      if (!e) return err(`State dict has no '${name}'.`);
      const want = torchParamShape(b);
      if (want.length !== e.shape.length || want.some((d, i) => d !== e.shape[i])) {
        return err(`State dict '${name}' has shape [${e.shape.join(', ')}], the model needs [${want.join(', ')}].`);
      }
      if (b.kind === 'counter') {
        (b.layer as unknown as { numBatchesTracked: number }).numBatchesTracked = e.values[0];
        continue;
      }
      const v = bindingVariable(b);
      const t = fromTorchLayout(tf, b, e.values, v.shape as number[]);
      v.write(t);
      t.dispose();
    }
  }
  return ok(undefined);
}
