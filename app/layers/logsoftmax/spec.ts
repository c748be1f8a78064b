import { softmaxSpec } from '../softmax-common';

export const logSoftmax = softmaxSpec(
  'LogSoftmax',
  'log(softmax(x)) along dim (nn.LogSoftmax); dim counts the batch dimension as 0.',
  {
    summary:
      'log(softmax(x)) along dim, computed stably. Pair it with NLLLoss; with CrossEntropyLoss (which already applies it) leave it out.',
    params: {
      dim: 'The dimension normalized, counting the batch as dim 0: dim=1 for [N, classes].',
    },
  },
);
