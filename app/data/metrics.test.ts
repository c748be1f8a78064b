import { describe, expect, it } from 'vitest';
import {
  confusionMatrix,
  crossEntropy,
  evaluateLogits,
  mostConfidentlyWrong,
  perClassMetrics,
  softmax,
  topKAccuracy,
} from './metrics';

// 6 samples, 3 classes; predictions by argmax of these logits: [0, 1, 1, 2, 2, 0]
const logits = Float32Array.from([
  3,
  1,
  0, // true 0, pred 0
  0,
  2,
  1, // true 1, pred 1
  1,
  4,
  0, // true 0, pred 1 (wrong, confident)
  0,
  0,
  1, // true 2, pred 2
  0,
  1,
  1.5, // true 1, pred 2 (wrong)
  2,
  0,
  1.9, // true 2, pred 0 (wrong, close)
]);
const labels = [0, 1, 0, 2, 1, 2];

describe('metrics', () => {
  it('confusion matrix: rows true, columns predicted', () => {
    expect(confusionMatrix(labels, [0, 1, 1, 2, 2, 0], 3)).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [1, 0, 1],
    ]);
  });
  it('per-class precision, recall, F1 and accuracy computed by hand', () => {
    const m = perClassMetrics(
      [
        [1, 1, 0],
        [0, 1, 1],
        [1, 0, 1],
      ],
      ['a', 'b', 'c'],
    );
    expect(m[0]).toEqual({ class: 'a', precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.5, support: 2 });
    const n = perClassMetrics(
      [
        [3, 1],
        [0, 0],
      ],
      ['x', 'y'],
    );
    expect(n[0]).toEqual({ class: 'x', precision: 1, recall: 0.75, f1: (2 * 0.75) / 1.75, accuracy: 0.75, support: 4 });
    expect(n[1]).toEqual({ class: 'y', precision: 0, recall: 0, f1: 0, accuracy: 0, support: 0 });
  });
  it('top-k accuracy', () => {
    expect(topKAccuracy(logits, labels, 3, 1)).toBeCloseTo(3 / 6, 10);
    // every wrong sample has its true class second: [1, 4, 0], [0, 1, 1.5], [2, 0, 1.9]
    expect(topKAccuracy(logits, labels, 3, 2)).toBe(1);
    expect(topKAccuracy(Float32Array.from([0, 5, 4]), [0], 3, 2)).toBe(0);
    expect(topKAccuracy(logits, labels, 3, 3)).toBe(1);
  });
  it('cross-entropy equals -log softmax of the true class, averaged', () => {
    const p = softmax(logits, 3);
    const expected = labels.reduce((s, l, i) => s - Math.log(p[i * 3 + l]), 0) / 6;
    expect(crossEntropy(logits, labels, 3)).toBeCloseTo(expected, 5);
    // one sample, logits [0, 0]: log 2
    expect(crossEntropy(Float32Array.from([0, 0]), [1], 2)).toBeCloseTo(Math.LN2, 10);
  });
  it('most confidently wrong samples come first', () => {
    const w = mostConfidentlyWrong(softmax(logits, 3), labels, 3, 2);
    expect(w.map((s) => s.index)).toEqual([2, 4]);
    expect(w[0]).toMatchObject({ label: 0, predicted: 1 });
    expect(w[0].confidence).toBeCloseTo(Math.exp(4) / (Math.exp(1) + Math.exp(4) + 1), 6);
  });
  it('evaluateLogits puts it together', () => {
    const e = evaluateLogits(logits, labels, ['a', 'b', 'c']);
    expect(e.n).toBe(6);
    expect(e.accuracy).toBe(0.5);
    expect(e.topk).toEqual({ 1: 0.5 });
    expect(e.per_class.map((c) => c.support)).toEqual([2, 2, 2]);
    expect(e.most_confident_wrong).toHaveLength(3);
  });
});
