/**
 * CrossEntropyLoss (mean over the batch, class indices) in one kernel, for backends that register
 * `NetloomSoftmaxCrossEntropy` (the engine does for wasm): the loss and its gradient with respect
 * to the logits, (softmax - onehot) / N, in one pass over the [N, C] logits, computed in double
 * precision. Composed from tensor ops the same thing takes about 16 small kernels per step, each
 * with tens of microseconds of dispatch. A label outside [0, C) contributes as the one-hot
 * composition does: no picked entry (loss term 0), gradient softmax / N.
 */
export const SOFTMAX_CE_KERNEL = 'NetloomSoftmaxCrossEntropy';

/** Writes d loss / d logits into grad and returns the mean loss. */
export function softmaxCrossEntropy(
  logits: Float32Array,
  labels: ArrayLike<number>,
  n: number,
  c: number,
  grad: Float32Array,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (logits[row + j] > max) max = logits[row + j];
    let sum = 0;
    for (let j = 0; j < c; j++) sum += Math.exp(logits[row + j] - max);
    const lse = Math.log(sum);
    const label = labels[i];
    for (let j = 0; j < c; j++) {
      const logp = logits[row + j] - max - lse;
      const hot = j === label ? 1 : 0;
      if (hot) total -= logp;
      grad[row + j] = (Math.exp(logp) - hot) / n;
    }
  }
  return total / n;
}
