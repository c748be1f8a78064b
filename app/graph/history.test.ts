import { describe, expect, it } from 'vitest';
import { begin, cancel, canRedo, canUndo, commit, createHistory, end, redo, reset, undo } from './history';
import { moveNodes, setParams } from './ops';
import { must } from './ops-test-util';
import { smallLeNet } from './test-graphs';

const g0 = smallLeNet();
const drag = (g: typeof g0, y: number) => moveNodes(g, { conv1: { x: 0, y } });

describe('history', () => {
  it('undo and redo step through commits; a new edit clears redo', () => {
    let h = createHistory(g0);
    expect(canUndo(h)).toBe(false);
    const g1 = must(setParams(g0, 'conv1', { out_channels: 8 }));
    const g2 = must(setParams(g1, 'conv1', { out_channels: 9 }));
    h = commit(commit(h, g1), g2);
    expect(canUndo(h)).toBe(true);
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe(g1);
    expect(canRedo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe(g0);
    expect(undo(h)).toEqual(h);
    h = redo(h);
    expect(h.present).toBe(g1);
    const g3 = drag(g1, 5);
    h = commit(h, g3);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(g1);
  });
  it('a no-op edit records nothing', () => {
    const h = createHistory(g0);
    expect(commit(h, g0)).toBe(h);
  });
  it('a transaction (a whole drag) is one step', () => {
    let h = begin(createHistory(g0));
    for (let y = 1; y <= 50; y++) h = commit(h, drag(h.present, y));
    expect(canUndo(h)).toBe(true);
    expect(canRedo(h)).toBe(false);
    h = end(h);
    expect(h.past).toHaveLength(1);
    expect(h.present.nodes[1].position.y).toBe(50);
    h = undo(h);
    expect(h.present).toBe(g0);
    expect(redo(h).present.nodes[1].position.y).toBe(50);
  });
  it('undo during a transaction closes it and undoes it; nested begin continues the outer one', () => {
    let h = begin(begin(createHistory(g0)));
    h = commit(h, drag(g0, 3));
    h = undo(h);
    expect(h.present).toBe(g0);
    expect(h.base).toBe(null);
  });
  it('an empty transaction adds no step; cancel rolls back', () => {
    expect(end(begin(createHistory(g0))).past).toHaveLength(0);
    let h = commit(begin(createHistory(g0)), drag(g0, 9));
    h = cancel(h);
    expect(h.present).toBe(g0);
    expect(canUndo(h)).toBe(false);
  });
  it('depth is bounded: the oldest steps are dropped', () => {
    let h = createHistory(g0, 3);
    let g = g0;
    for (let i = 1; i <= 10; i++) h = commit(h, (g = drag(g, i)));
    expect(h.past).toHaveLength(3);
    for (let i = 0; i < 5; i++) h = undo(h);
    expect(h.present.nodes[1].position.y).toBe(7);
    expect(reset(h, g0)).toEqual(createHistory(g0, 3));
  });
});
