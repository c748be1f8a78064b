/**
 * Losses as torch.nn defines them (mean reduction): CrossEntropyLoss on logits with class
 * indices, MSELoss and BCEWithLogitsLoss against one-hot targets (or the label itself for a
 * single output), and accuracy.
 */
import type { Tensor, Tf } from '../compiler/tfjs/tf';
import { SOFTMAX_CE_KERNEL } from './fused-loss';
import type { TrainingSettings } from './settings';

export type LossName = TrainingSettings['loss'];

/** Loss of model output [N, C] against class indices [N] (int32). */
export function lossValue(tf: Tf, name: LossName, out: Tensor, labels: Tensor): Tensor {
  return tf.tidy(() => {
    const c = out.shape[1] ?? 1;
    if (name === 'CrossEntropyLoss') return crossEntropy(tf, out, labels, c);
    const target = c === 1 ? tf.reshape(tf.cast(labels, 'float32'), [-1, 1]) : tf.cast(tf.oneHot(labels, c), 'float32');
    if (name === 'MSELoss') return tf.mean(tf.square(tf.sub(out, target)));
    // BCEWithLogits, the numerically stable form: max(x, 0) - x t + log(1 + exp(-|x|)).
    return tf.mean(tf.add(tf.sub(tf.relu(out), tf.mul(out, target)), tf.log1p(tf.exp(tf.neg(tf.abs(out))))));
  });
}

/**
 * CrossEntropyLoss (mean over the batch) on logits [N, C]: log-softmax and the picked entries in
 * one custom gradient, d loss / d logits = (softmax - onehot) / N. The same values as
 * composing tfjs ops, in about a tenth of the kernels (each small kernel costs tens of
 * microseconds of dispatch, which adds up over a step).
 */
function crossEntropy(tf: Tf, out: Tensor, labels: Tensor, c: number): Tensor {
  const n = out.shape[0] as number;
  if (tf.getKernel(SOFTMAX_CE_KERNEL, tf.getBackend()) !== undefined) {
    const fused = tf.customGrad(((x: Tensor, save: (ts: Tensor[]) => void) => {
      const [loss, grad] = tf
        .engine()
        .runKernel(SOFTMAX_CE_KERNEL, { logits: x, labels } as never, {} as never) as unknown as Tensor[];
      save([grad]);
      return { value: loss, gradFunc: (dy: Tensor, [g]: Tensor[]) => tf.mul(g, dy) };
    }) as never) as unknown as (x: Tensor) => Tensor;
    return fused(out);
  }
  const op = tf.customGrad(((x: Tensor, save: (ts: Tensor[]) => void) => {
    const z = tf.sub(x, tf.max(x, 1, true));
    const logp = tf.sub(z, tf.log(tf.sum(tf.exp(z), 1, true)));
    // oneHot's own float32 output is not trusted: tfjs-backend-wasm 4.22 writes int32 bits into it.
    const onehot = tf.cast(tf.oneHot(tf.cast(labels, 'int32') as never, c), 'float32') as Tensor;
    save([tf.exp(logp), onehot]);
    return {
      value: tf.mul(tf.sum(tf.mul(onehot, logp)), -1 / n),
      gradFunc: (dy: Tensor, [softmax, hot]: Tensor[]) => tf.mul(tf.sub(softmax, hot), tf.mul(dy, 1 / n)),
    };
  }) as never) as unknown as (x: Tensor) => Tensor;
  return op(out);
}

/** Number of correct predictions (argmax, or logit > 0 for a single output) as a scalar tensor. */
export function correctCount(tf: Tf, out: Tensor, labels: Tensor): Tensor {
  return tf.tidy(() => {
    const c = out.shape[1] ?? 1;
    const pred = c === 1 ? tf.cast(tf.greater(tf.reshape(out, [-1]), 0), 'int32') : tf.argMax(out, 1);
    return tf.sum(tf.cast(tf.equal(pred, tf.cast(labels, 'int32')), 'float32'));
  });
}
