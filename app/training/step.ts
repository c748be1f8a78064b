/**
 * One optimization step as PyTorch runs it: forward in train mode, loss (+ L1 penalty),
 * backward, clip_grad_norm_, optimizer.step(). Returns the loss and the number correct;
 * a non-finite loss leaves the weights untouched.
 * The `…Async` forms read values with `await t.data()`: the loop uses them, since a GPU backend
 * (WebGPU through Dawn in Node) has no synchronous read. The sync forms serve the data-parallel
 * helpers (wasm and cpu only).
 */
import type { Variable } from '@tensorflow/tfjs-core';
import type { LayersModel, Tensor, Tf } from '../compiler/tfjs/tf';
import { leanVariableGrads, type OnGradient } from './lean-grads';
import { correctCount, lossValue } from './losses';
import type { Optimizer } from './optimizers';
import type { TrainingSettings } from './settings';

export interface StepResult {
  loss: number;
  correct: number;
  finite: boolean;
}

export interface Gradients {
  loss: number;
  correct: number;
  /** Per parameter (null where a parameter got none); the caller disposes them. */
  grads: (Tensor | null)[];
}

type StepSettings = Pick<TrainingSettings, 'loss' | 'l1' | 'clip_grad_norm'>;

/** The tensors of one forward and backward pass; nothing read yet. */
function gradientTensors(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  x: Tensor,
  y: Tensor,
  s: StepSettings,
  onFinal?: OnGradient,
) {
  let out: Tensor | null = null;
  const { value, grads } = leanVariableGrads(
    tf,
    () => {
      const o = model.apply(x, { training: true }) as Tensor;
      out = tf.keep(o);
      let loss = lossValue(tf, s.loss, o, y);
      if (s.l1 > 0) loss = tf.add(loss, tf.mul(tf.addN(params.map((p) => tf.sum(tf.abs(p)))), s.l1));
      return loss;
    },
    params,
    onFinal,
  );
  const correctT = correctCount(tf, out as unknown as Tensor, y);
  tf.dispose(out as unknown as Tensor);
  return { value, correctT, grads: params.map((p) => grads[p.name] ?? null) };
}

/**
 * Forward in train mode, loss (+ L1 penalty), backward: the gradients of one (shard of a) batch.
 * `onFinal(i, g)` is told of each parameter's gradient as soon as it is complete (leanVariableGrads).
 */
export function computeGradients(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  x: Tensor,
  y: Tensor,
  s: StepSettings,
  onFinal?: OnGradient,
): Gradients {
  const t = gradientTensors(tf, model, params, x, y, s, onFinal);
  const loss = t.value.dataSync()[0];
  const correct = t.correctT.dataSync()[0];
  tf.dispose([t.value, t.correctT]);
  return { loss, correct, grads: t.grads };
}

export async function computeGradientsAsync(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  x: Tensor,
  y: Tensor,
  s: StepSettings,
): Promise<Gradients> {
  const t = gradientTensors(tf, model, params, x, y, s);
  const [loss, correct] = [(await t.value.data())[0], (await t.correctT.data())[0]];
  tf.dispose([t.value, t.correctT]);
  return { loss, correct, grads: t.grads };
}

/** clip_grad_norm_ (when set) and optimizer.step(); takes ownership of the gradients. */
export function applyGradients(tf: Tf, opt: Optimizer, grads: (Tensor | null)[], s: StepSettings): void {
  if (s.clip_grad_norm !== null) clipGradNorm(tf, grads, s.clip_grad_norm);
  opt.step(grads);
  tf.dispose(grads.filter((g): g is Tensor => g !== null));
}

export function trainStep(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  opt: Optimizer,
  x: Tensor,
  y: Tensor,
  s: StepSettings,
): StepResult {
  const g = computeGradients(tf, model, params, x, y, s);
  const finite = Number.isFinite(g.loss);
  if (finite) applyGradients(tf, opt, g.grads, s);
  else tf.dispose(g.grads.filter((t): t is Tensor => t !== null));
  return { loss: g.loss, correct: g.correct, finite };
}

export async function trainStepAsync(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  opt: Optimizer,
  x: Tensor,
  y: Tensor,
  s: StepSettings,
): Promise<StepResult> {
  const g = await computeGradientsAsync(tf, model, params, x, y, s);
  const finite = Number.isFinite(g.loss);
  if (finite) {
    if (s.clip_grad_norm !== null) await clipGradNormAsync(tf, g.grads, s.clip_grad_norm);
    opt.step(g.grads);
  }
  tf.dispose(g.grads.filter((t): t is Tensor => t !== null));
  return { loss: g.loss, correct: g.correct, finite };
}

/** torch.nn.utils.clip_grad_norm_: scale all gradients by min(1, max_norm / (total_norm + 1e-6)), in place. */
export function clipGradNorm(tf: Tf, grads: (Tensor | null)[], maxNorm: number): number {
  const present = grads.filter((g): g is Tensor => g !== null);
  if (present.length === 0) return 0;
  const total = tf.tidy(() => normOf(tf, present).dataSync()[0]);
  scaleInPlace(tf, grads, maxNorm, total);
  return total;
}

export async function clipGradNormAsync(tf: Tf, grads: (Tensor | null)[], maxNorm: number): Promise<number> {
  const present = grads.filter((g): g is Tensor => g !== null);
  if (present.length === 0) return 0;
  const norm = tf.tidy(() => normOf(tf, present));
  const total = (await norm.data())[0];
  norm.dispose();
  scaleInPlace(tf, grads, maxNorm, total);
  return total;
}

function normOf(tf: Tf, present: Tensor[]): Tensor {
  return tf.sqrt(tf.addN(present.map((g) => tf.sum(tf.square(g)))));
}

function scaleInPlace(tf: Tf, grads: (Tensor | null)[], maxNorm: number, total: number): void {
  const coef = Math.min(1, maxNorm / (total + 1e-6));
  if (coef >= 1) return;
  grads.forEach((g, i) => {
    if (!g) return;
    grads[i] = tf.mul(g, coef);
    g.dispose();
  });
}

/** Mean loss and accuracy over batches in eval mode (values read asynchronously: GPU backends have no sync read). */
export async function evaluateBatches(
  tf: Tf,
  model: LayersModel,
  batches: Iterable<{ x: Tensor; y: Tensor }>,
  loss: TrainingSettings['loss'],
): Promise<{ loss: number; acc: number; n: number }> {
  let sum = 0;
  let correct = 0;
  let n = 0;
  for (const { x, y } of batches) {
    const [lt, ct] = tf.tidy(() => {
      const o = model.apply(x, { training: false }) as Tensor;
      return [lossValue(tf, loss, o, y), correctCount(tf, o, y)];
    });
    const [l, c] = [(await lt.data())[0], (await ct.data())[0]];
    tf.dispose([lt, ct]);
    const b = x.shape[0];
    sum += l * b;
    correct += c;
    n += b;
    tf.dispose([x, y]);
  }
  return { loss: n ? sum / n : NaN, acc: n ? correct / n : NaN, n };
}
