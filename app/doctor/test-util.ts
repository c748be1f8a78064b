/** Graphs for the doctor's tests: a chain of layers after an Input, with settings. */
import type { Graph, GraphNode } from '../graph/types';

export type Layer = [type: string, params?: Record<string, unknown>, extra?: Partial<GraphNode>];

export function chain(
  shape: number[],
  layers: readonly Layer[],
  training: Record<string, unknown> = {},
  dataset: Record<string, unknown> = { name: 'synthetic' },
): Graph {
  const nodes: GraphNode[] = [{ id: 'in', type: 'Input', params: { shape }, position: { x: 0, y: 0 } }];
  const edges: Graph['edges'] = [];
  layers.forEach(([type, params, extra], i) => {
    const id = extra?.id ?? `n${i + 1}`;
    nodes.push({ id, type, params: params ?? {}, position: { x: 0, y: (i + 1) * 80 }, ...extra });
    edges.push({ id: `e${i + 1}`, source: nodes[i].id, target: id });
  });
  return { format: 'netloom', version: 1, name: 'Net', nodes, edges, modules: [], training, dataset };
}

/** A small healthy classifier for 1x28x28 images: conv, pool, conv, pool, flatten, fc-relu-fc. */
export function healthy(training: Record<string, unknown> = {}): Graph {
  return chain(
    [1, 28, 28],
    [
      ['Conv2d', { out_channels: 6, kernel_size: 5, padding: 2 }],
      ['ReLU'],
      ['MaxPool2d', { kernel_size: 2 }],
      ['Conv2d', { out_channels: 16, kernel_size: 5 }],
      ['ReLU'],
      ['MaxPool2d', { kernel_size: 2 }],
      ['Flatten'],
      ['Linear', { out_features: 120 }, { id: 'fc1', name: 'fc1' }],
      ['ReLU'],
      ['Linear', { out_features: 10 }, { id: 'fc2', name: 'fc2' }],
    ],
    { optimizer: 'sgd', lr: 0.01, momentum: 0.9, ...training },
  );
}
