import type { KindTrainCase } from '../../compiler/tfjs/testing/kind-train-case';
import { GraphBuilder } from '../../templates/builder';

/** Conv1d then AdaptiveMaxPool1d at an uneven size (15 -> 4), an even one (15 -> 5) and global (-> 1). */
function net(sizes: number[]) {
  return () => {
    const b = new GraphBuilder('AdaptiveMaxPool1d');
    b.chain(b.input([4, 17]), [
      ['Conv1d', { out_channels: 6, kernel_size: 3 }],
      ...sizes.map((o): [string, Record<string, unknown>] => ['AdaptiveMaxPool1d', { output_size: o }]),
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    return b.build();
  };
}

export const trainCases: KindTrainCase[] = [
  {
    name: 'Conv1d, AdaptiveMaxPool1d(4) on 15 (uneven bins)',
    graph: net([4]),
    loss: 'CrossEntropyLoss',
    shape: [4, 17],
  },
  { name: 'Conv1d, AdaptiveMaxPool1d(5) then (1)', graph: net([5, 1]), loss: 'CrossEntropyLoss', shape: [4, 17] },
];
