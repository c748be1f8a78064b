import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../templates';
import { autoWorkers, onBackend } from './workers';

const graph = (name: string) => {
  const g = buildTemplate(name);
  if (!g.ok) throw new Error(g.error);
  return g.value;
};

describe("workers 'auto'", () => {
  it('uses the cores for a network without BatchNorm on wasm or cpu', () => {
    expect(autoWorkers({ graph: graph('lenet5'), backend: 'wasm', batchSize: 64, cores: 2 }).workers).toBe(2);
    expect(autoWorkers({ graph: graph('mlp'), backend: 'cpu', batchSize: 64, cores: 2 }).workers).toBe(2);
  });

  it('at most 4 workers, each with 16 samples at least', () => {
    expect(autoWorkers({ graph: graph('lenet5'), backend: 'wasm', batchSize: 256, cores: 16 }).workers).toBe(4);
    expect(autoWorkers({ graph: graph('lenet5'), backend: 'wasm', batchSize: 48, cores: 16 }).workers).toBe(3);
    const small = autoWorkers({ graph: graph('lenet5'), backend: 'wasm', batchSize: 31, cores: 2 });
    expect(small).toEqual({ workers: 1, reason: expect.stringContaining('batch_size 31 is too small') });
  });

  it('keeps one worker where InstanceNorm2d tracks running statistics (they are per shard, not synchronized)', () => {
    const g = graph('lenet5');
    const withIn = {
      nodes: [
        ...g.nodes,
        { id: 'inorm', type: 'InstanceNorm2d', params: { track_running_stats: true }, position: { x: 0, y: 0 } },
      ],
    };
    expect(autoWorkers({ graph: withIn, backend: 'wasm', batchSize: 64, cores: 2 })).toEqual({
      workers: 1,
      reason: "InstanceNorm2d 'inorm' tracks running statistics, which each worker would update from its own shard",
    });
    const plain = { nodes: [...g.nodes, { ...withIn.nodes[withIn.nodes.length - 1], params: {} }] };
    expect(autoWorkers({ graph: plain, backend: 'wasm', batchSize: 64, cores: 2 }).workers).toBe(2);
  });

  it('keeps one worker, on every core, for a BatchNorm network, saying why', () => {
    const bn = autoWorkers({ graph: graph('resnet18'), backend: 'wasm', batchSize: 64, cores: 2 });
    expect(bn.workers).toBe(1);
    expect(bn.reason).toMatch(/^BatchNorm2d '.+': BatchNorm networks train on one worker/);
    expect(bn.reason).toContain('the one worker runs its convolutions and matrix products on all 2 cores instead');
    expect(bn.reason).toContain('Set workers to 2 to try data-parallel workers');
    const big = autoWorkers({ graph: graph('resnet18'), backend: 'wasm', batchSize: 128, cores: 16 });
    expect(big.workers).toBe(1);
    expect(big.reason).toContain('on all 16 cores');
    expect(big.reason).toContain('Set workers to 4 to try data-parallel workers');
  });

  it('one worker where sharding would gain nothing', () => {
    expect(autoWorkers({ graph: graph('lenet5'), backend: 'node', batchSize: 64, cores: 8 }).workers).toBe(1);
    expect(autoWorkers({ graph: graph('lenet5'), backend: 'node-gpu', batchSize: 64, cores: 8 }).workers).toBe(1);
    expect(autoWorkers({ graph: graph('lenet5'), backend: 'wasm', batchSize: 64, cores: 1 }).workers).toBe(1);
  });

  it('one worker on WebGPU, asked for or auto, with the reason', () => {
    expect(autoWorkers({ graph: graph('lenet5'), backend: 'webgpu', batchSize: 256, cores: 8 })).toEqual({
      workers: 1,
      reason: 'WebGPU trains each batch on its one device',
    });
    expect(onBackend('webgpu', 4)).toEqual({
      workers: 1,
      reason: expect.stringMatching(/^workers 4 -> 1: WebGPU trains each batch on its one device/),
    });
    expect(onBackend('webgpu', 1)).toEqual({ workers: 1, reason: '' });
    expect(onBackend('wasm', 4)).toEqual({ workers: 4, reason: '' });
  });
});
