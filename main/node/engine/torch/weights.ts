/**
 * Weights between the two engines. Python starts from Netloom's own initialization (or a resumed
 * run's last checkpoint): init.safetensors with the state_dict (PyTorch names and layout) and the
 * optimizer's buffers (`__optim__.<slot>.<param>`, as runs/optimizer-state.ts's slots). Each epoch
 * Python writes the same file; it becomes the run's best/ and last/ checkpoints in tfjs format,
 * so evaluation, export, prediction and resume (on either engine) read it like any run's.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compileGraph, type CompiledModel } from '../../../../app/compiler/tfjs/compile';
import { torchNamer } from '../../../../app/compiler/tfjs/names';
import {
  bindingVariable,
  getStateDict,
  setStateDict,
  torchParamShape,
  type Namer,
  type StateEntry,
} from '../../../../app/compiler/tfjs/statedict';
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import { isLayoutKind, tfToTorch, torchToTf, type LayoutKind } from '../../../../app/compiler/tfjs/weight-layout';
import type { ParamBinding } from '../../../../app/compiler/tfjs/converter';
import { decodeSafetensors, encodeSafetensors, type NamedArray } from '../../../../app/compiler/pytorch/safetensors';
import type { Graph } from '../../../../app/graph/types';
import type { OptimizerState } from '../../../../app/training/optimizers';
import { err, ok, type Result } from '../../../../app/result';
import { cpuTf } from '../../export/tf-cpu';
import { writeFileAtomicSync } from '../../reliability/atomic-sync';
import { commitCheckpointDir } from '../../reliability/checkpoint-commit';
import { saveCheckpoint } from '../../runs/checkpoint';
import { saveOptimizerState } from '../../runs/optimizer-state';

export interface TorchWeights {
  tf: Tf;
  compiled: CompiledModel;
  namer: Namer;
}

interface Trainable {
  binding: ParamBinding;
  name: string;
  tfShape: number[];
}

const OPTIM = '__optim__.';

/** The model compiled on tfjs's cpu backend with Netloom's seeded initialization. */
export async function torchWeights(graph: Graph, seed: number): Promise<Result<TorchWeights>> {
  const tf = await cpuTf();
  const c = compileGraph(tf, graph, { seed });
  if (!c.ok) return c;
  return ok({ tf, compiled: c.value, namer: torchNamer(graph) });
}

/** model.trainableWeights in order (the optimizer state's parameter index), with their bindings and torch names. */
function trainables(w: TorchWeights): Trainable[] {
  const byName = new Map<string, Trainable>();
  for (const n of w.compiled.nodes) {
    for (const b of n.bindings) {
      if (b.kind === 'counter') continue;
      const v = bindingVariable(b);
      byName.set(v.originalName, { binding: b, name: w.namer(n.nodeId, b.name), tfShape: v.shape as number[] });
    }
  }
  return w.compiled.model.trainableWeights.map((v) => {
    const t = byName.get(v.originalName);
    if (!t) throw new Error(`trainable weight ${v.originalName} has no binding`);
    return t;
  });
}

function layoutKind(b: ParamBinding): LayoutKind | null {
  return isLayoutKind(b.kind) ? b.kind : null;
}

function optimizerToTorch(w: TorchWeights, state: OptimizerState): NamedArray[] {
  const out: NamedArray[] = [{ name: `${OPTIM}step`, shape: [1], values: Float32Array.of(state.step) }];
  trainables(w).forEach((t, i) => {
    state.slots.forEach((slot, k) => {
      const v = slot[i];
      if (!v) return;
      const kind = layoutKind(t.binding);
      const shape = torchParamShape(t.binding);
      out.push({ name: `${OPTIM}${k}.${t.name}`, shape, values: kind ? tfToTorch(v, kind, shape) : v });
    });
  });
  return out;
}

function optimizerFromTorch(w: TorchWeights, entries: Map<string, NamedArray>): OptimizerState | null {
  const step = entries.get(`${OPTIM}step`);
  if (!step) return null;
  const ts = trainables(w);
  const slots = [0, 1, 2].map(() => new Array<Float32Array | null>(ts.length).fill(null));
  ts.forEach((t, i) => {
    for (let k = 0; k < 3; k++) {
      const e = entries.get(`${OPTIM}${k}.${t.name}`);
      if (!e) continue;
      const kind = layoutKind(t.binding);
      slots[k][i] = kind ? torchToTf(e.values, kind, torchParamShape(t.binding)) : Float32Array.from(e.values);
    }
  });
  return { step: Math.round(step.values[0]), slots };
}

/**
 * init.safetensors for Python: the model's current weights (fresh, or a resumed run's checkpoint
 * already loaded into it) and, when resuming, the optimizer's state.
 */
export function writeInitialState(w: TorchWeights, path: string, optimizer?: OptimizerState): void {
  const state = getStateDict(w.tf, w.compiled, w.namer).map((e: StateEntry): NamedArray => ({ ...e, dtype: 'F32' }));
  writeFileAtomicSync(path, encodeSafetensors([...state, ...(optimizer ? optimizerToTorch(w, optimizer) : [])]));
}

/** Python's epoch file -> the run's checkpoint folders (`last`, and `best` when it is the best). Removes the file. */
export async function commitTorchCheckpoint(
  w: TorchWeights,
  file: string,
  runDir: string,
  epoch: number,
  kinds: ('best' | 'last')[],
): Promise<Result<void>> {
  let decoded: Result<NamedArray[]>;
  try {
    decoded = decodeSafetensors(new Uint8Array(readFileSync(file)));
  } catch (e) {
    return err(
      `checkpoint ${file} from Python cannot be read: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
    );
  }
  if (!decoded.ok) return err(`checkpoint ${file} from Python: ${decoded.error}`);
  const byName = new Map(decoded.value.map((e) => [e.name, e]));
  const weights: StateEntry[] = decoded.value
    .filter((e) => !e.name.startsWith(OPTIM))
    .map((e) => ({ name: e.name, shape: e.shape, values: Float32Array.from(e.values) }));
  const set = setStateDict(w.tf, w.compiled, weights, w.namer);
  if (!set.ok) return err(`checkpoint ${file} from Python: ${set.error}`);
  const opt = optimizerFromTorch(w, byName);
  for (const kind of kinds) {
    await commitCheckpointDir(join(runDir, kind), async (staging) => {
      await saveCheckpoint(w.compiled, staging, { epoch, engine: 'torch' });
      if (opt) saveOptimizerState(staging, opt);
    });
  }
  rmSync(file, { force: true });
  return ok(undefined);
}
