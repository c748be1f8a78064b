/**
 * torch.optim's update rules on tfjs variables (tfjs's own optimizers differ: SGD momentum
 * without dampening or PyTorch's first-step buffer, Adam's epsilon placement, no coupled
 * weight decay). `step(grads)` updates the parameters in place and disposes what it makes.
 */
import type { Variable } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from '../compiler/tfjs/tf';
import { FUSED_OPTIMIZER_KERNEL, fusedStepAttrs, slotCount, type FusedStepAttrs } from './fused-step';
import { effectiveWeightDecay, type TrainingSettings } from './settings';

export interface Optimizer {
  /** Learning rate used by the next step (schedules set it). */
  lr: number;
  step(grads: (Tensor | null | undefined)[]): void;
  /** Step count and state buffers (momentum, moments), for checkpoints: slots[k][i] for parameter i. */
  getState(): OptimizerState;
  /** getState() with the buffers read asynchronously first (GPU backends have no sync read). */
  readState(): Promise<OptimizerState>;
  /**
   * The state where it lives, not read out (a checkpoint writer takes its bytes where they are):
   * the optimizer's own tensors, or, while an owner holds it (delegate), views of the owner's
   * memory. Valid until the next step or dispose.
   */
  stateTensors(): OptimizerTensors | OptimizerState;
  setState(state: OptimizerState): void;
  /**
   * Hands the state to an outside owner that runs the steps instead (the data-parallel
   * exchange's sharded update keeps it in shared memory), or with null takes the owner's state
   * back. While delegated, the optimizer frees its own buffers, the state is read from the owner,
   * and step() and setState() are refused.
   */
  delegate(owner: StateOwner | null): void;
  dispose(): void;
}

/** Who holds an optimizer's state while it is delegated. */
export interface StateOwner {
  /** The state now: views of the owner's memory, valid until its next step. */
  state(): OptimizerState;
}

export interface OptimizerState {
  step: number;
  slots: (Float32Array | null)[][];
}

/** OptimizerState's layout with the live tensors in place of copies of their values. */
export interface OptimizerTensors {
  step: number;
  slots: (Tensor | null)[][];
}

export type OptimizerHyper = Pick<
  TrainingSettings,
  'optimizer' | 'lr' | 'momentum' | 'dampening' | 'nesterov' | 'betas' | 'eps' | 'amsgrad' | 'alpha' | 'centered'
> & {
  weight_decay: number | null;
};

/** The optimizer's hyperparameters out of the training settings (what a data-parallel helper needs to take the same steps). */
export function optimizerHyper(s: OptimizerHyper): OptimizerHyper {
  const { optimizer, lr, momentum, dampening, nesterov, betas, eps, amsgrad, alpha, centered, weight_decay } = s;
  return { optimizer, lr, momentum, dampening, nesterov, betas, eps, amsgrad, alpha, centered, weight_decay };
}

type Slot = (Tensor | null)[];

export function createOptimizer(tf: Tf, params: Variable[], h: OptimizerHyper): Optimizer {
  const n = params.length;
  const slots: [Slot, Slot, Slot] = [new Array(n).fill(null), new Array(n).fill(null), new Array(n).fill(null)];
  const wd = effectiveWeightDecay(h);
  let t = 0;
  let owner: StateOwner | null = null;
  const delegated = (what: string) =>
    new Error(`optimizer.${what}: the state is held by the data-parallel exchange (sharded update)`);
  const put = (s: 0 | 1 | 2, i: number, v: Tensor): Tensor => {
    slots[s][i]?.dispose();
    slots[s][i] = tf.keep(v);
    return v;
  };
  const get = (s: 0 | 1 | 2, i: number, like: Tensor): Tensor => slots[s][i] ?? tf.zerosLike(like);

  function sgd(p: Tensor, g: Tensor, i: number, lr: number): Tensor {
    if (wd) g = tf.add(g, tf.mul(p, wd));
    if (h.momentum) {
      const prev = slots[0][i];
      const gd = h.dampening ? tf.mul(g, 1 - h.dampening) : g;
      const b = put(0, i, prev === null ? tf.clone(g) : tf.add(tf.mul(prev, h.momentum), gd));
      g = h.nesterov ? tf.add(g, tf.mul(b, h.momentum)) : b;
    }
    return tf.sub(p, tf.mul(g, lr));
  }

  function adam(p: Tensor, g: Tensor, i: number, lr: number, decoupled: boolean): Tensor {
    let base = p;
    if (decoupled) base = tf.mul(p, 1 - lr * wd);
    else if (wd) g = tf.add(g, tf.mul(p, wd));
    const [b1, b2] = h.betas;
    const m = put(0, i, tf.add(tf.mul(get(0, i, p), b1), tf.mul(g, 1 - b1)));
    let v = put(1, i, tf.add(tf.mul(get(1, i, p), b2), tf.mul(tf.square(g), 1 - b2)));
    if (h.amsgrad) v = put(2, i, slots[2][i] === null ? tf.clone(v) : tf.maximum(slots[2][i] as Tensor, v));
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(bc2)), h.eps);
    return tf.sub(base, tf.mul(tf.div(m, denom), lr / bc1));
  }

  function rmsprop(p: Tensor, g: Tensor, i: number, lr: number): Tensor {
    if (wd) g = tf.add(g, tf.mul(p, wd));
    const sq = put(0, i, tf.add(tf.mul(get(0, i, p), h.alpha), tf.mul(tf.square(g), 1 - h.alpha)));
    let avg: Tensor;
    if (h.centered) {
      const ga = put(1, i, tf.add(tf.mul(get(1, i, p), h.alpha), tf.mul(g, 1 - h.alpha)));
      avg = tf.add(tf.sqrt(tf.sub(sq, tf.square(ga))), h.eps);
    } else avg = tf.add(tf.sqrt(sq), h.eps);
    if (h.momentum > 0) {
      const b = put(2, i, tf.add(tf.mul(get(2, i, p), h.momentum), tf.div(g, avg)));
      return tf.sub(p, tf.mul(b, lr));
    }
    return tf.sub(p, tf.mul(tf.div(g, avg), lr));
  }

  /** SGD/Adam/AdamW as one kernel per parameter where the backend registers it (fused-step.ts). */
  function fused(p: Variable, g: Tensor, i: number, lr: number): void {
    const attrs: FusedStepAttrs = { ...fusedStepAttrs(h, lr, wd, t), inPlace: true };
    const inputs: Record<string, Tensor> = { p, g };
    const k = slotCount(attrs);
    for (let s = 0; s < k; s++) {
      const slot = slots[s][i];
      if (slot) inputs[`s${s}`] = slot;
    }
    const outs = tf.engine().runKernel(FUSED_OPTIMIZER_KERNEL, inputs as never, attrs as never) as unknown as Tensor[];
    // The new p only: the kernel wrote the new slots over the old ones.
    if (outs.length > 1) for (let s = 0; s < k; s++) put(s as 0 | 1 | 2, i, outs[s + 1]);
    p.assign(outs[0]);
  }
  const fusable = h.optimizer === 'sgd' || h.optimizer === 'adam' || h.optimizer === 'adamw';

  const opt: Optimizer = {
    lr: h.lr,
    step(grads) {
      if (owner) throw delegated('step');
      t += 1;
      const lr = opt.lr;
      const useFused = fusable && tf.getKernel(FUSED_OPTIMIZER_KERNEL, tf.getBackend()) !== undefined;
      tf.tidy(() => {
        params.forEach((p, i) => {
          const g = grads[i];
          if (!g) return;
          if (useFused) {
            fused(p, g, i, lr);
            return;
          }
          let next: Tensor;
          if (h.optimizer === 'sgd') next = sgd(p, g, i, lr);
          else if (h.optimizer === 'rmsprop') next = rmsprop(p, g, i, lr);
          else next = adam(p, g, i, lr, h.optimizer === 'adamw');
          p.assign(next);
        });
      });
    },
    getState() {
      if (owner) {
        const o = owner.state();
        return { step: o.step, slots: o.slots.map((s) => s.map((v) => (v ? v.slice() : null))) };
      }
      return {
        step: t,
        slots: slots.map((s) => s.map((x) => (x ? (x.dataSync() as Float32Array).slice() : null))),
      };
    },
    stateTensors: () => (owner ? owner.state() : { step: t, slots: slots.map((s) => [...s]) }),
    async readState() {
      if (owner) return opt.getState();
      // data() is already a copy on wasm and GPU backends; on cpu it is the tensor's own array,
      // which no one writes to (tensors are immutable, an update makes a new one): no second copy.
      const read = await Promise.all(
        slots.map((s) => Promise.all(s.map(async (x) => (x ? ((await x.data()) as Float32Array) : null)))),
      );
      return { step: t, slots: read };
    },
    setState(state) {
      if (owner) throw delegated('setState');
      t = state.step;
      state.slots.forEach((s, k) =>
        s.forEach((v, i) => {
          if (k > 2 || i >= n) return;
          slots[k][i]?.dispose();
          slots[k][i] = v ? tf.keep(tf.tensor(v, params[i].shape)) : null;
        }),
      );
    },
    delegate(next) {
      if (next) {
        opt.dispose();
        owner = next;
      } else if (owner) {
        const state = opt.getState();
        owner = null;
        opt.setState(state);
      }
    },
    dispose() {
      for (const s of slots)
        s.forEach((x, i) => {
          x?.dispose();
          s[i] = null;
        });
    },
  };
  return opt;
}
