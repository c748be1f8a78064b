import type { Graph } from './types';

/**
 * Small documents for tests and docs (no imports from tests, so other engineers' tests may use it).
 * `smallLeNet()` is the example of docs/FORMAT.md and assets/examples/lenet5-small.netloom.json.
 */
export function smallLeNet(): Graph {
  const y = (i: number) => ({ x: 0, y: i * 100 });
  return {
    format: 'netloom',
    version: 1,
    name: 'SmallLeNet',
    description: 'A small LeNet: two conv blocks, then 120-84-10 fully connected',
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [1, 28, 28] }, position: y(0) },
      {
        id: 'conv1',
        type: 'Conv2d',
        parent: 'features',
        params: { out_channels: 6, kernel_size: 5, padding: 2 },
        position: y(1),
      },
      { id: 'relu1', type: 'ReLU', parent: 'features', params: {}, position: y(2) },
      { id: 'pool1', type: 'MaxPool2d', parent: 'features', params: { kernel_size: 2 }, position: y(3) },
      { id: 'conv2', type: 'Conv2d', parent: 'features', params: { out_channels: 16, kernel_size: 5 }, position: y(4) },
      { id: 'relu2', type: 'ReLU', parent: 'features', params: {}, position: y(5) },
      { id: 'pool2', type: 'MaxPool2d', parent: 'features', params: { kernel_size: 2 }, position: y(6) },
      { id: 'flatten', type: 'Flatten', name: 'flatten', params: {}, position: y(7) },
      { id: 'fc1', type: 'Linear', name: 'fc1', params: { out_features: 120 }, position: y(8) },
      { id: 'act', type: 'ReLU', name: 'relu', params: {}, position: y(9) },
      { id: 'fc2', type: 'Linear', name: 'fc2', params: { out_features: 84 }, position: y(10) },
      { id: 'act2', type: 'ReLU', name: 'relu', shares: 'act', params: {}, position: y(11) },
      { id: 'fc3', type: 'Linear', name: 'fc3', params: { out_features: 10 }, position: y(12) },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'conv1' },
      { id: 'e2', source: 'conv1', target: 'relu1' },
      { id: 'e3', source: 'relu1', target: 'pool1' },
      { id: 'e4', source: 'pool1', target: 'conv2' },
      { id: 'e5', source: 'conv2', target: 'relu2' },
      { id: 'e6', source: 'relu2', target: 'pool2' },
      { id: 'e7', source: 'pool2', target: 'flatten' },
      { id: 'e8', source: 'flatten', target: 'fc1' },
      { id: 'e9', source: 'fc1', target: 'act' },
      { id: 'e10', source: 'act', target: 'fc2' },
      { id: 'e11', source: 'fc2', target: 'act2' },
      { id: 'e12', source: 'act2', target: 'fc3' },
    ],
    modules: [{ id: 'features', name: 'features', kind: 'Sequential' }],
    training: { epochs: 2, batch_size: 64 },
    dataset: { name: 'synthetic' },
  };
}

/** Nested modules, a two-input Concat with ports, a functional call and a run reference. */
export function nestedBlocks(): Graph {
  const at = (x: number, y: number) => ({ x, y });
  return {
    format: 'netloom',
    version: 1,
    name: 'TwoBranch',
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [3, 32, 32] }, position: at(0, 0) },
      {
        id: 'a1',
        type: 'Conv2d',
        name: 'conv',
        parent: 'branch_a',
        params: { out_channels: 8, kernel_size: 3, padding: 1 },
        position: at(-100, 100),
      },
      { id: 'a2', type: 'BatchNorm2d', name: 'bn', parent: 'branch_a', params: {}, position: at(-100, 200) },
      {
        id: 'b1',
        type: 'Conv2d',
        parent: 'branch_b',
        params: { out_channels: 8, kernel_size: 1 },
        position: at(100, 100),
      },
      { id: 'cat', type: 'Concat', params: { dim: 1 }, parent: 'block', functional: true, position: at(0, 300) },
      { id: 'pool', type: 'AdaptiveAvgPool2d', name: 'pool', params: { output_size: 1 }, position: at(0, 400) },
      { id: 'flat', type: 'Flatten', name: 'flatten', params: { start_dim: 1 }, position: at(0, 500) },
      { id: 'fc', type: 'Linear', name: 'fc', params: { out_features: 10 }, position: at(0, 600) },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'a1' },
      { id: 'e2', source: 'a1', target: 'a2' },
      { id: 'e3', source: 'in', target: 'b1' },
      { id: 'e4', source: 'a2', target: 'cat', targetPort: 0 },
      { id: 'e5', source: 'b1', target: 'cat', targetPort: 1 },
      { id: 'e6', source: 'cat', target: 'pool' },
      { id: 'e7', source: 'pool', target: 'flat' },
      { id: 'e8', source: 'flat', target: 'fc' },
    ],
    modules: [
      { id: 'block', name: 'block', kind: 'Module', className: 'TwoBranchBlock' },
      { id: 'branch_a', name: 'branch_a', kind: 'Sequential', parent: 'block' },
      { id: 'branch_b', name: 'branch_b', kind: 'Sequential', parent: 'block', collapsed: true },
    ],
    runs: [
      {
        id: 'run-1',
        dir: 'runs/run-1',
        createdAt: '2026-11-29T15:00:00.000Z',
        status: 'completed',
        summary: { accuracy: 0.91, loss: 0.27, note: 'first' },
      },
    ],
  };
}
