/**
 * Cases for ConvTranspose2d, Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d, AdaptiveMaxPool1d and
 * AdaptiveMaxPool2d (torch-cases.ts includes them): each kind with several parameter sets, and
 * two small networks trained for 3 SGD steps, so their gradients meet PyTorch's.
 */
import type { Graph } from '../../../graph/types';
import { GraphBuilder } from '../../../templates/builder';
import type { TorchCase } from './torch-cases';

type P = Record<string, unknown>;

function one(id: string, shape: number[], layers: [string, P][]): TorchCase {
  const b = new GraphBuilder('Net');
  b.chain(b.input(shape), layers);
  return { id, graph: b.build(), steps: 1 };
}

export function convKindCases(): TorchCase[] {
  const c: TorchCase[] = [];
  const img = [4, 5, 6];
  const convT: P[] = [
    { out_channels: 3, kernel_size: 2, stride: 2 },
    { out_channels: 3, kernel_size: 3, stride: 2, padding: 1, output_padding: 1 },
    { out_channels: 6, kernel_size: [3, 2], stride: [1, 3], padding: [0, 1], output_padding: [0, 2], groups: 2 },
    { out_channels: 2, kernel_size: 3, dilation: 2, padding: 3, output_padding: 1, bias: false },
    { out_channels: 3, kernel_size: 2, dilation: 3, stride: [2, 1], padding: [1, 2], output_padding: [1, 2] },
    { out_channels: 4, kernel_size: 1, padding: 0, groups: 4 },
  ];
  convT.forEach((p, i) => c.push(one(`ConvTranspose2d#${i}`, img, [['ConvTranspose2d', p]])));
  const seq = [4, 13];
  const conv1: P[] = [
    { out_channels: 5, kernel_size: 3 },
    { out_channels: 6, kernel_size: 3, stride: 2, padding: 1, groups: 2 },
    { out_channels: 3, kernel_size: 4, padding: 'same', dilation: 2, bias: false },
    { out_channels: 4, kernel_size: 5, groups: 4, padding: 'valid' },
  ];
  conv1.forEach((p, i) => c.push(one(`Conv1d#${i}`, seq, [['Conv1d', p]])));
  const maxp: P[] = [
    { kernel_size: 2 },
    { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true },
    { kernel_size: 3, stride: 1, dilation: 2, padding: 1 },
  ];
  maxp.forEach((p, i) => c.push(one(`MaxPool1d#${i}`, seq, [['MaxPool1d', p]])));
  const avgp: P[] = [
    { kernel_size: 2 },
    { kernel_size: 3, stride: 2, padding: 1, count_include_pad: false },
    { kernel_size: 2, stride: 2, padding: 1, ceil_mode: true },
    { kernel_size: 4, stride: 3, padding: 2, ceil_mode: true, count_include_pad: false },
  ];
  avgp.forEach((p, i) => c.push(one(`AvgPool1d#${i}`, seq, [['AvgPool1d', p]])));
  [1, 5, 13, 4, 20].forEach((o, i) =>
    c.push(one(`AdaptiveAvgPool1d#${i}`, seq, [['AdaptiveAvgPool1d', { output_size: o }]])),
  );
  [1, 5, 13, 4, 20].forEach((o, i) =>
    c.push(one(`AdaptiveMaxPool1d#${i}`, seq, [['AdaptiveMaxPool1d', { output_size: o }]])),
  );
  [1, [5, 3], [2, null], 4, [7, 8]].forEach((o, i) =>
    c.push(one(`AdaptiveMaxPool2d#${i}`, img, [['AdaptiveMaxPool2d', { output_size: o }]])),
  );
  // The pools as F.max_pool1d, F.avg_pool1d, F.adaptive_avg_pool1d, F.adaptive_max_pool1d, F.adaptive_max_pool2d in forward().
  const f = new GraphBuilder('Net');
  const fx = f.input(seq);
  const fi = f.input(img);
  f.layer('MaxPool1d', { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true }, fx, { functional: true });
  f.layer('AvgPool1d', { kernel_size: 3, padding: 1, count_include_pad: false }, fx, { functional: true });
  f.layer('AdaptiveAvgPool1d', { output_size: 4 }, fx, { functional: true });
  f.layer('AdaptiveMaxPool1d', { output_size: 4 }, fx, { functional: true });
  f.layer('AdaptiveMaxPool2d', { output_size: [2, null] }, fi, { functional: true });
  c.push({ id: 'pools#functional', graph: f.build(), steps: 1 });
  return c;
}

/** A decoder-style image net and a 1-D sequence net, each ending in Linear(10) for CrossEntropyLoss. */
export function convNets(): Record<'image' | 'sequence', () => Graph> {
  return {
    image: () => {
      const b = new GraphBuilder('Net');
      b.chain(b.input([3, 6, 7]), [
        ['Conv2d', { out_channels: 4, kernel_size: 3, stride: 2, padding: 1 }],
        ['ReLU', {}],
        ['ConvTranspose2d', { out_channels: 6, kernel_size: 3, stride: 2, padding: 1, output_padding: 1, groups: 2 }],
        ['Tanh', {}],
        ['ConvTranspose2d', { out_channels: 3, kernel_size: 2, dilation: 2, padding: 1 }],
        ['AdaptiveMaxPool2d', { output_size: [3, 5] }],
        ['Flatten', {}],
        ['Linear', { out_features: 10 }],
      ]);
      return b.build();
    },
    sequence: () => {
      const b = new GraphBuilder('Net');
      b.chain(b.input([4, 17]), [
        ['Conv1d', { out_channels: 6, kernel_size: 3, padding: 1 }],
        ['ReLU', {}],
        ['MaxPool1d', { kernel_size: 3, stride: 2, padding: 1 }],
        ['Conv1d', { out_channels: 6, kernel_size: 3, dilation: 2, groups: 2 }],
        ['Tanh', {}],
        ['AvgPool1d', { kernel_size: 2, ceil_mode: true, count_include_pad: false, padding: 1 }],
        ['AdaptiveAvgPool1d', { output_size: 3 }],
        ['Flatten', {}],
        ['Linear', { out_features: 10 }],
      ]);
      return b.build();
    },
  };
}

/** ConvTranspose2d whose output_padding passes both stride and padding: ONNX writes it with a Pad (onnx.test only: it imports as more than one layer). */
export function convTransposePadCase(): [string, Graph] {
  const b = new GraphBuilder('Net');
  const p = { out_channels: 3, kernel_size: 2, dilation: 3, stride: [2, 1], padding: [0, 1], output_padding: [1, 2] };
  b.layer('ConvTranspose2d', p, b.input([4, 5, 6]));
  return ['ConvTranspose2d#output_padding past padding', b.build()];
}

export function convNetCases(): TorchCase[] {
  const sgd = { lr: 0.1, momentum: 0.9, weight_decay: 0.01 };
  const nets = convNets();
  return [
    { id: 'ConvTranspose2d/AdaptiveMaxPool2d net (3 SGD steps)', graph: nets.image(), train: true, steps: 3, sgd },
    { id: 'Conv1d/1-D pools net (3 SGD steps)', graph: nets.sequence(), train: true, steps: 3, sgd },
  ];
}
