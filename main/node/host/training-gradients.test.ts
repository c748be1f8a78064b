/**
 * runs.gradients on a LeNet-5 trained one epoch on a small synthetic set: a histogram for every
 * trainable parameter (PyTorch names and shapes, the same as runs.params), not all zero, and one
 * node's parameters alone with nodeId.
 */
import { describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { buildTemplate } from '../../../app/templates';
import { trainToDone } from './test-host';

interface Stat {
  name: string;
  shape: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  max_abs: number;
  histogram: number[];
}

describe('runs.gradients', () => {
  it('histograms of the loss gradients for every trainable parameter of a trained LeNet-5', async () => {
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    const text = serializeProject({ ...g.value, dataset: { name: 'synthetic', trainSize: 200, testSize: 40 } });
    const { host, done } = await trainToDone(text, { epochs: 1, batch_size: 32, seed: 1 });
    expect(done.status).toBe('completed');
    const params = await host.call('runs.params', { runDir: done.runDir! });
    const names = (params as { value: Stat[] }).value.map((p) => [p.name, p.shape]);
    expect(names).toContainEqual(['features.0.weight', [6, 1, 5, 5]]);

    const res = await host.call('runs.gradients', { runDir: done.runDir! });
    expect(res.ok, JSON.stringify(res).slice(0, 300)).toBe(true);
    const v = (res as { value: { loss: number; batch: number; params: Stat[] } }).value;
    expect(v.batch).toBe(32);
    expect(Number.isFinite(v.loss) && v.loss > 0).toBe(true);
    // LeNet-5 has no buffers: every named parameter is trainable and gets a gradient.
    expect(v.params.map((p) => [p.name, p.shape])).toEqual(names);
    for (const p of v.params) {
      expect(p.histogram).toHaveLength(20);
      expect(p.histogram.reduce((a, b) => a + b, 0)).toBe(p.shape.reduce((a, b) => a * b, 1));
      expect(p.max_abs).toBeCloseTo(Math.max(Math.abs(p.min), Math.abs(p.max)), 10);
    }
    expect(v.params.some((p) => p.max_abs > 1e-6)).toBe(true);
    expect(v.params.filter((p) => p.name.endsWith('weight')).every((p) => p.std > 0)).toBe(true);

    const graph = JSON.parse(text) as { nodes: { id: string; type: string }[] };
    const conv = graph.nodes.find((n) => n.type === 'Conv2d')!;
    const one = await host.call('runs.gradients', { runDir: done.runDir!, nodeId: conv.id });
    expect((one as { value: { params: Stat[] } }).value.params.map((p) => p.name)).toEqual([
      'features.0.weight',
      'features.0.bias',
    ]);
    expect(await host.call('runs.gradients', { runDir: done.runDir!, nodeId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
