import { describe, expect, it } from 'vitest';
import { foldConstant, holdsBatch } from './onnx-fold';
import type { OnnxNodeIn, OnnxTensorIn } from './onnx-types';
import { tensorValues } from './onnx-types';

const int64 = (name: string, values: number[], dims = [values.length]): OnnxTensorIn => ({
  name,
  dims,
  dataType: 7,
  int64Data: values,
});
const node = (opType: string, input: string[], attribute: OnnxNodeIn['attribute'] = []): OnnxNodeIn => ({
  opType,
  input,
  output: [`${opType}_out`],
  attribute,
});

/** Folds a chain of nodes in order; `x` is a live value of per-sample shape [116, 8, 8]. */
function run(nodes: OnnxNodeIn[], consts: OnnxTensorIn[] = []) {
  const known = new Map(consts.map((t) => [t.name, t]));
  let last: OnnxTensorIn | undefined;
  for (const n of nodes) {
    last = foldConstant(
      n,
      (v) => known.get(v),
      (v) => (v === 'x' ? [116, 8, 8] : undefined),
    );
    if (!last) return undefined;
    known.set(last.name, last);
  }
  return last;
}

describe('folding shape arithmetic on a live value of known shape', () => {
  it("evaluates x.size(1) // 2 (Shape, Gather, Div, Cast) to torch's chunk size", () => {
    const t = run(
      [
        { ...node('Shape', ['x']), output: ['s'] },
        { ...node('Gather', ['s', 'one'], [{ name: 'axis', i: 0, type: 2 }]), output: ['c'] },
        { ...node('Div', ['c', 'two']), output: ['h'] },
        node('Cast', ['h'], [{ name: 'to', i: 7, type: 2 }]),
      ],
      [int64('one', [1], []), int64('two', [2], [])],
    );
    expect(t && Array.from(tensorValues(t))).toEqual([58]);
    expect(holdsBatch(t)).toBe(false);
  });

  it('keeps the batch size N as a symbol through Gather, Unsqueeze and Concat (a Reshape target [N, 2, 58, 8, 8])', () => {
    const t = run(
      [
        { ...node('Shape', ['x']), output: ['s'] },
        { ...node('Gather', ['s', 'zero'], [{ name: 'axis', i: 0, type: 2 }]), output: ['n'] },
        { ...node('Unsqueeze', ['n', 'ax']), output: ['n1'] },
        node('Concat', ['n1', 'rest'], [{ name: 'axis', i: 0, type: 2 }]),
      ],
      [int64('zero', [0], []), int64('ax', [0]), int64('rest', [2, 58, 8, 8])],
    );
    expect(t && Array.from(tensorValues(t))).toEqual([0, 2, 58, 8, 8]);
    expect(holdsBatch(t) && t.batch).toEqual([0]);
  });

  it('does not fold arithmetic on N, nor the Shape of a value whose shape is unknown', () => {
    const consts = [int64('zero', [0], []), int64('two', [2], [])];
    expect(
      run(
        [
          { ...node('Shape', ['x']), output: ['s'] },
          { ...node('Gather', ['s', 'zero'], [{ name: 'axis', i: 0, type: 2 }]), output: ['n'] },
          node('Div', ['n', 'two']),
        ],
        consts,
      ),
    ).toBeUndefined();
    expect(run([node('Shape', ['y'])])).toBeUndefined();
  });

  it("reads opset 15's Shape start and end (x.shape[2:] has no N)", () => {
    const t = run([node('Shape', ['x'], [{ name: 'start', i: 2, type: 2 }])]);
    expect(t && Array.from(tensorValues(t))).toEqual([8, 8]);
    expect(holdsBatch(t)).toBe(false);
  });
});
