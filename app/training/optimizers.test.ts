// An optimizer's state handed to an outside owner (the data-parallel exchange's sharded update)
// and taken back: while delegated, the state is read from the owner and a step is refused; taken
// back, the optimizer steps on from the owner's state as if it had taken those steps itself.
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Variable } from '@tensorflow/tfjs-core';
import type { Tf } from '../compiler/tfjs/tf';
import { createOptimizer, optimizerHyper, type OptimizerState } from './optimizers';
import { parseTrainingSettings } from './settings';

const tf = tfc as unknown as Tf;

describe('an optimizer whose state is delegated', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reads the owner state, refuses to step, and steps on from it once taken back', () => {
    const parsed = parseTrainingSettings({ optimizer: 'sgd', lr: 0.5, momentum: 0.9 });
    if (!parsed.ok) throw new Error(parsed.error);
    const p = tf.variable(tf.tensor1d([1, 2, 3])) as unknown as Variable;
    const opt = createOptimizer(tf, [p], optimizerHyper(parsed.value));
    opt.step([tf.tensor1d([1, 1, 1])]);
    expect(Array.from(opt.getState().slots[0][0] ?? [])).toEqual([1, 1, 1]);

    // The owner's buffer, as the exchange keeps it: a view it overwrites as it steps.
    const momentum = new Float32Array([4, 5, 6]);
    const owned: OptimizerState = { step: 7, slots: [[momentum], [null], [null]] };
    opt.delegate({ state: () => owned });
    expect(opt.stateTensors()).toBe(owned);
    const copy = opt.getState();
    expect(copy.step).toBe(7);
    expect(Array.from(copy.slots[0][0] ?? [])).toEqual([4, 5, 6]);
    momentum[0] = 40; // a copy, not the view
    expect(copy.slots[0][0]?.[0]).toBe(4);
    expect(() => opt.step([tf.tensor1d([1, 1, 1])])).toThrow(/held by the data-parallel exchange/);
    expect(() => opt.setState(copy)).toThrow(/held by the data-parallel exchange/);

    opt.delegate(null);
    expect(opt.getState().step).toBe(7);
    // buf = 0.9 * [40, 5, 6] + [1, 1, 1]; p = [0.5, 1.5, 2.5] (after the first step) - 0.5 * buf
    opt.step([tf.tensor1d([1, 1, 1])]);
    expect(opt.getState().step).toBe(8);
    const buf = Array.from(opt.getState().slots[0][0] ?? []);
    [37, 5.5, 6.4].forEach((v, i) => expect(buf[i]).toBeCloseTo(v, 5));
    const after = Array.from(p.dataSync());
    [0.5 - 18.5, 1.5 - 2.75, 2.5 - 3.2].forEach((v, i) => expect(after[i]).toBeCloseTo(v, 5));
    opt.dispose();
    p.dispose();
  });
});
