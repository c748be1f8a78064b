/**
 * One optimizer update of one parameter in a single pass, for backends that register the
 * kernel `NetloomOptimizerStep` (the engine does for wasm): the same update rules as
 * optimizers.ts's tensor ops (torch.optim's SGD, Adam and AdamW), which otherwise take four
 * (SGD with momentum) to a dozen (Adam) small kernels per parameter, each with tens of
 * microseconds of dispatch. Values are computed in double precision and stored as float32.
 * Kernel inputs: p, g, and the existing state slots s0, s1, s2 (absent before the first step);
 * outputs: the new p, then the new slots the rule keeps (SGD: [buf] with momentum; Adam: [m, v]
 * and [vmax] with amsgrad). With `inPlace` the kernel may instead write the new slots over the
 * old ones, as torch.optim does, when every slot exists and no other tensor shares a slot's
 * storage; it then returns the new p only. p always gets fresh storage, because kernels cache
 * values derived from a weight (packed filters) by its tensor id.
 */
export const FUSED_OPTIMIZER_KERNEL = 'NetloomOptimizerStep';

export interface FusedStepAttrs {
  rule: 'sgd' | 'adam' | 'adamw';
  lr: number;
  /** weight_decay as PyTorch applies it (coupled for SGD/Adam, decoupled for AdamW). */
  wd: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  eps: number;
  amsgrad: boolean;
  /** Step number, from 1 (Adam's bias corrections). */
  t: number;
  /** Update the state slots in place where the kernel can (see above). */
  inPlace?: boolean;
}

/** The kernel's attributes for an optimizer's hyperparameters (the rule must be SGD, Adam or AdamW), this step's learning rate, effective weight decay and step number. */
export function fusedStepAttrs(
  h: {
    optimizer: string;
    momentum: number;
    dampening: number;
    nesterov: boolean;
    betas: [number, number];
    eps: number;
    amsgrad: boolean;
  },
  lr: number,
  wd: number,
  t: number,
): FusedStepAttrs {
  return {
    rule: h.optimizer as FusedStepAttrs['rule'],
    lr,
    wd,
    momentum: h.momentum,
    dampening: h.dampening,
    nesterov: h.nesterov,
    beta1: h.betas[0],
    beta2: h.betas[1],
    eps: h.eps,
    amsgrad: h.amsgrad,
    t,
  };
}

/** Number of state slots the rule keeps (and the kernel outputs after p). */
export function slotCount(a: Pick<FusedStepAttrs, 'rule' | 'momentum' | 'amsgrad'>): number {
  if (a.rule === 'sgd') return a.momentum ? 1 : 0;
  return a.amsgrad ? 3 : 2;
}

/**
 * The update over flat arrays: reads p, g and the slots (null = not yet created), writes the new
 * p and slots into `out` (out[0] = p, out[k + 1] = slot k).
 */
export function fusedUpdate(
  a: FusedStepAttrs,
  p: Float32Array,
  g: Float32Array,
  slots: (Float32Array | null)[],
  out: Float32Array[],
): void {
  const n = p.length;
  const [po] = out;
  if (a.rule === 'sgd') {
    const buf = slots[0] ?? null;
    const bo = a.momentum ? out[1] : null;
    for (let i = 0; i < n; i++) {
      let d = g[i];
      if (a.wd) d += a.wd * p[i];
      if (bo) {
        const b = buf === null ? d : a.momentum * buf[i] + (1 - a.dampening) * d;
        bo[i] = b;
        d = a.nesterov ? d + a.momentum * Math.fround(b) : Math.fround(b);
      }
      po[i] = p[i] - a.lr * d;
    }
    return;
  }
  const [m0, v0, vmax0] = slots;
  const mo = out[1],
    vo = out[2],
    vmaxo = a.amsgrad ? out[3] : null;
  const bc1 = 1 - a.beta1 ** a.t,
    bc2 = Math.sqrt(1 - a.beta2 ** a.t);
  const decay = a.rule === 'adamw' ? 1 - a.lr * a.wd : 1;
  const step = a.lr / bc1;
  for (let i = 0; i < n; i++) {
    let d = g[i];
    if (a.rule === 'adam' && a.wd) d += a.wd * p[i];
    const m = Math.fround(a.beta1 * (m0 ? m0[i] : 0) + (1 - a.beta1) * d);
    let v = Math.fround(a.beta2 * (v0 ? v0[i] : 0) + (1 - a.beta2) * d * d);
    mo[i] = m;
    vo[i] = v;
    if (vmaxo) {
      v = vmax0 ? Math.max(vmax0[i], v) : v;
      vmaxo[i] = v;
    }
    po[i] = p[i] * decay - step * (m / (Math.sqrt(v) / bc2 + a.eps));
  }
}
