/**
 * Classification metrics from a model's outputs (logits, [n, k] row-major) and the true labels:
 * cross-entropy loss (as nn.CrossEntropyLoss on logits, mean), accuracy, confusion matrix (rows =
 * true class, columns = predicted, as sklearn's), per-class precision / recall / F1 / accuracy
 * (accuracy of a class = correct among its samples, as the PyTorch CIFAR-10 tutorial's "Accuracy
 * for class"), top-k accuracy, and the most confidently wrong samples.
 */

export interface ClassMetrics {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  support: number;
}

export interface WrongSample {
  /** Index in the evaluated set. */
  index: number;
  label: number;
  predicted: number;
  /** Softmax probability of the predicted class. */
  confidence: number;
}

export interface Evaluation {
  n: number;
  loss: number;
  accuracy: number;
  /** k -> top-k accuracy, as `{"1": 0.91, "5": 0.99}`. */
  topk: Record<string, number>;
  classes: string[];
  confusion: number[][];
  per_class: ClassMetrics[];
  most_confident_wrong: WrongSample[];
}

/** Row-wise softmax (numerically stable). */
export function softmax(logits: Float32Array, k: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let o = 0; o < logits.length; o += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += out[o + j] = Math.exp(logits[o + j] - max);
    for (let j = 0; j < k; j++) out[o + j] /= sum;
  }
  return out;
}

export function argmax(scores: Float32Array, k: number): Int32Array {
  const n = scores.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (scores[i * k + j] > scores[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]][predicted[i]]++;
  return m;
}

export function perClassMetrics(confusion: number[][], classes: string[]): ClassMetrics[] {
  const k = confusion.length;
  return classes.slice(0, k).map((name, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let r = 0; r < k; r++) predicted += confusion[r][c];
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { class: name, precision, recall, f1, accuracy: recall, support };
  });
}

/** Share of samples whose label is among the k highest scores (ties count against). */
export function topKAccuracy(scores: Float32Array, labels: ArrayLike<number>, k: number, top: number): number {
  const n = labels.length;
  if (n === 0) return 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const own = scores[i * k + labels[i]];
    let above = 0;
    for (let j = 0; j < k; j++) if (j !== labels[i] && scores[i * k + j] >= own) above++;
    if (above < top) hits++;
  }
  return hits / n;
}

/** Mean cross-entropy of logits against labels (nn.CrossEntropyLoss, reduction='mean'). */
export function crossEntropy(logits: Float32Array, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[o + j] - max);
    total += Math.log(sum) + max - logits[o + labels[i]];
  }
  return n ? total / n : 0;
}

export function mostConfidentlyWrong(
  probs: Float32Array,
  labels: ArrayLike<number>,
  k: number,
  count: number,
): WrongSample[] {
  const pred = argmax(probs, k);
  const wrong: WrongSample[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (pred[i] !== labels[i])
      wrong.push({ index: i, label: labels[i], predicted: pred[i], confidence: probs[i * k + pred[i]] });
  }
  wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return wrong.slice(0, count);
}

export interface EvaluateOptions {
  /** Top-k values to report (default [1, 5] limited to the number of classes). */
  topk?: number[];
  /** How many confidently wrong samples to keep (default 16). */
  worst?: number;
}

/** All metrics of one evaluation. */
export function evaluateLogits(
  logits: Float32Array,
  labels: ArrayLike<number>,
  classes: string[],
  opts: EvaluateOptions = {},
): Evaluation {
  const k = classes.length;
  const n = labels.length;
  const pred = argmax(logits, k);
  const confusion = confusionMatrix(labels, pred, k);
  let correct = 0;
  for (let c = 0; c < k; c++) correct += confusion[c][c];
  const topk: Record<string, number> = {};
  for (const t of (opts.topk ?? [1, 5]).filter((t) => t <= k)) topk[String(t)] = topKAccuracy(logits, labels, k, t);
  return {
    n,
    loss: crossEntropy(logits, labels, k),
    accuracy: n ? correct / n : 0,
    topk,
    classes,
    confusion,
    per_class: perClassMetrics(confusion, classes),
    most_confident_wrong: mostConfidentlyWrong(softmax(logits, k), labels, k, opts.worst ?? 16),
  };
}
