import { softmaxSpec } from '../softmax-common';

export const softmax = softmaxSpec(
  'Softmax',
  'exp(x) / Σ exp(x) along dim (nn.Softmax); dim counts the batch dimension as 0.',
  {
    summary:
      'Turns scores into probabilities that sum to 1 along dim. Do not put it before CrossEntropyLoss, which applies log-softmax itself: train on the logits and apply Softmax only to read probabilities.',
    params: {
      dim: "The dimension that sums to 1, counting the batch as dim 0: dim=1 for [N, classes]. None picks it the way PyTorch's legacy rule does.",
    },
  },
);
