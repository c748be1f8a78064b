/**
 * Losses as torch.nn defines them (mean reduction): CrossEntropyLoss on logits with class
 * indices, MSELoss and BCEWithLogitsLoss against one-hot targets (or the label itself for a
 * single output), and accuracy.
 */
import type { Tensor, Tf } from '../compiler/tfjs/tf';
import type { TrainingSettings } from './settings';

export type LossName = TrainingSettings['loss'];

/** Loss of model output [N, C] against class indices [N] (int32). */
export function lossValue(tf: Tf, name: LossName, out: Tensor, labels: Tensor): Tensor {
  return tf.tidy(() => {
    const c = out.shape[1] ?? 1;
    if (name === 'CrossEntropyLoss') {
      const logp = tf.sub(out, tf.logSumExp(out, 1, true));
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, c), logp), 1)));
    }
    const target = c === 1 ? tf.reshape(tf.cast(labels, 'float32'), [-1, 1]) : tf.cast(tf.oneHot(labels, c), 'float32');
    if (name === 'MSELoss') return tf.mean(tf.square(tf.sub(out, target)));
    // BCEWithLogits, the numerically stable form: max(x, 0) - x t + log(1 + exp(-|x|)).
    return tf.mean(tf.add(tf.sub(tf.relu(out), tf.mul(out, target)), tf.log1p(tf.exp(tf.neg(tf.abs(out))))));
  });
}

/** Number of correct predictions (argmax, or logit > 0 for a single output) as a scalar tensor. */
export function correctCount(tf: Tf, out: Tensor, labels: Tensor): Tensor {
  return tf.tidy(() => {
    const c = out.shape[1] ?? 1;
    const pred = c === 1 ? tf.cast(tf.greater(tf.reshape(out, [-1]), 0), 'int32') : tf.argMax(out, 1);
    return tf.sum(tf.cast(tf.equal(pred, tf.cast(labels, 'int32')), 'float32'));
  });
}
