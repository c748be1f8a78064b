/**
 * `tf.variableGrads` with the memory profile of PyTorch's autograd: tfjs's own backward pass
 * (tfjs-core `Engine.gradients` and `backpropagateGradients`) keeps the gradient of every
 * intermediate tensor, every addend of an accumulated gradient and every tensor saved for a
 * gradient alive until the whole backward pass ends, so its peak is the forward's saved
 * activations plus one gradient per intermediate tensor (ResNet-18 at batch 64: 505 MiB of
 * tensors at the peak of a step, for 90 MiB of parameters and momentum). Here the same tape is
 * walked in the same order with the same gradient functions and the same additions, so the
 * gradients are bit-for-bit tfjs's; only the lifetimes differ: a node's saved tensors are freed
 * right after its gradient is computed, the gradient of a node's output once that node has
 * passed it on, and an addend once it has been added.
 *
 * It drives tfjs-core's tape through the engine's internal state (`activeTape`, `gradientDepth`,
 * `startTape`/`endTape`, as tfjs-core 4.x has them). Where that state is not as expected (a
 * nested gradient, another tfjs version) it falls back to `tf.variableGrads`.
 */
import type { NamedTensorMap, Variable } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from '../compiler/tfjs/tf';

interface TapeNode {
  id: number;
  kernelName: string;
  outputs: Tensor[];
  inputs: Record<string, Tensor>;
  gradient?: (dys: (Tensor | null)[]) => Record<string, () => Tensor>;
  saved?: Tensor[];
}

interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  startTape(): void;
  endTape(): void;
  tidy<T>(name: string, f: () => T): T;
}

function internals(tf: Tf): EngineInternals | null {
  const e = tf.engine() as unknown as Partial<EngineInternals>;
  const ok =
    typeof e.startTape === 'function' &&
    typeof e.endTape === 'function' &&
    typeof e.tidy === 'function' &&
    e.state !== undefined &&
    typeof e.state.gradientDepth === 'number';
  return ok ? (e as EngineInternals) : null;
}

/** The nodes on a path from one of `xs` to `y`, inputs pruned to those that depend on `xs` (tfjs's getFilteredNodesXToY). */
function filterTape(tape: TapeNode[], xs: Tensor[], y: Tensor): TapeNode[] {
  const fromX = new Set<number>(xs.map((x) => x.id));
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    for (const name in node.inputs) {
      if (fromX.has(node.inputs[name].id)) {
        for (const o of node.outputs) fromX.add(o.id);
        nodesFromX.add(node.id);
        break;
      }
    }
  }
  const leadToY = new Set<number>([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    if (node.outputs.some((o) => leadToY.has(o.id))) {
      for (const name in node.inputs) leadToY.add(node.inputs[name].id);
      nodesToY.add(node.id);
    }
  }
  const out: TapeNode[] = [];
  for (const node of tape) {
    if (!nodesFromX.has(node.id) || !nodesToY.has(node.id)) continue;
    const inputs: Record<string, Tensor> = {};
    for (const name in node.inputs) if (fromX.has(node.inputs[name].id)) inputs[name] = node.inputs[name];
    out.push({ ...node, inputs });
  }
  return out;
}

function disposeSaved(node: TapeNode): void {
  for (const t of node.saved ?? []) t.dispose();
}

/** Told that parameter i's gradient `g` is complete (see leanVariableGrads). */
export type OnGradient = (i: number, g: Tensor) => void;

/**
 * value = f() and the gradient of value with respect to each of `vars` (by variable name; a
 * variable that value does not depend on gets none), as `tf.variableGrads(f, vars)` returns them.
 * `onFinal(i, g)`, when given, is called during the backward pass as soon as the gradient of
 * vars[i] is complete (the walk has passed every node that reads the variable), with the tensor
 * that will be returned: data-parallel training copies it out while it waits for the other
 * replicas. It is not called on the fallback path (tfjs's own variableGrads).
 */
export function leanVariableGrads(
  tf: Tf,
  f: () => Tensor,
  vars: Variable[],
  onFinal?: OnGradient,
): { value: Tensor; grads: NamedTensorMap } {
  const engine = internals(tf);
  if (engine === null || engine.state.gradientDepth !== 0) return tf.variableGrads(f as never, vars);
  let y: Tensor;
  engine.startTape();
  try {
    y = engine.tidy('forward', f);
  } catch (e) {
    // The forward tidy freed its tensors; the copies saved for gradients are still held.
    for (const node of engine.state.activeTape ?? []) disposeSaved(node);
    engine.state.activeTape = null;
    throw e;
  } finally {
    engine.endTape();
  }
  const tape = engine.state.activeTape ?? [];
  engine.state.activeTape = null;
  if (!(y instanceof tf.Tensor) || y.rank !== 0) {
    for (const node of tape) disposeSaved(node);
    throw new Error(`The function passed to variableGrads must return a scalar tensor, got rank ${y?.rank}.`);
  }
  const filtered = filterTape(tape, vars, y);
  const onPath = new Set(filtered.map((n) => n.id));
  // Saved tensors of nodes the loss does not reach through a variable are never read.
  for (const node of tape) if (!onPath.has(node.id)) disposeSaved(node);
  const keepIds = new Set<number>(vars.map((v) => v.id));
  // Where each variable's gradient is complete: once the walk has passed the first node (in
  // tape order) that reads the variable.
  const finalAt = new Map<number, number[]>();
  if (onFinal) {
    const index = new Map(vars.map((v, i) => [v.id, i]));
    const seen = new Set<number>();
    filtered.forEach((node, k) => {
      for (const name in node.inputs) {
        const i = index.get(node.inputs[name].id);
        if (i === undefined || seen.has(i)) continue;
        seen.add(i);
        const at = finalAt.get(k);
        if (at) at.push(i);
        else finalAt.set(k, [i]);
      }
    });
  }
  try {
    const grads = engine.tidy('backward', () => {
      const acc = new Map<number, Tensor>();
      // How many entries of `acc` hold each tensor object (a gradient function may pass a dy on as a dx).
      const holders = new Map<Tensor, number>();
      const hold = (t: Tensor) => holders.set(t, (holders.get(t) ?? 0) + 1);
      const release = (t: Tensor) => {
        const n = (holders.get(t) ?? 0) - 1;
        if (n > 0) holders.set(t, n);
        else {
          holders.delete(t);
          t.dispose();
        }
      };
      const seed = tf.ones(y.shape);
      acc.set(y.id, seed);
      hold(seed);
      for (let i = filtered.length - 1; i >= 0; i--) {
        const node = filtered[i];
        const dys = node.outputs.map((o) => acc.get(o.id) ?? null);
        if (node.gradient == null)
          throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
        const inputGradients = node.gradient(dys);
        for (const name in node.inputs) {
          if (!(name in inputGradients)) {
            throw new Error(
              `Cannot backprop through input ${name}. Available gradients found: ${Object.keys(inputGradients)}.`,
            );
          }
          const dx = tf.tidy(() => inputGradients[name]());
          const x = node.inputs[name];
          if (dx.dtype !== 'float32') {
            throw new Error(
              `Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`,
            );
          }
          if (!tf.util.arraysEqual(dx.shape, x.shape)) {
            throw new Error(
              `Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`,
            );
          }
          const cur = acc.get(x.id);
          if (cur === undefined) {
            acc.set(x.id, dx);
            hold(dx);
          } else {
            const sum = tf.add(cur, dx);
            acc.set(x.id, sum);
            hold(sum);
            release(cur);
            if (!holders.has(dx) && !dys.includes(dx)) dx.dispose();
          }
        }
        // This node was the only producer of its outputs, and every consumer came later on the
        // tape: their gradients are spent, and so are the tensors this node saved.
        for (const o of node.outputs) {
          const g = acc.get(o.id);
          if (g === undefined || keepIds.has(o.id)) continue;
          acc.delete(o.id);
          release(g);
        }
        disposeSaved(node);
        for (const v of finalAt.get(i) ?? []) {
          const g = acc.get(vars[v].id);
          if (g !== undefined) onFinal?.(v, g);
        }
      }
      return vars.map((v) => acc.get(v.id) ?? null);
    });
    const named: NamedTensorMap = {};
    vars.forEach((v, i) => {
      const g = grads[i];
      if (g !== null) named[v.name] = g;
    });
    return { value: y, grads: named };
  } finally {
    for (const node of filtered) disposeSaved(node);
  }
}
