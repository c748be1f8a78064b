import { batchNormSpec } from '../batchnorm-common';

export const batchNorm1d = batchNormSpec('BatchNorm1d', [1, 2], '[F] or [C, L]', {
  summary:
    "Normalizes each feature over the batch to mean 0 and variance 1, then scales and shifts it with learned gamma and beta. In train() it uses the batch's statistics and updates running_mean and running_var; in eval() it uses those running statistics, so predictions do not depend on the batch. Use it after a Linear ([F]) or on sequences ([C, L]).",
  params: {
    num_features: 'Channels (or features) being normalized; inferred from the input shape.',
    eps: 'Added to the variance before the square root, for numerical safety (default 1e-5).',
    momentum:
      'How fast the running statistics follow each batch (default 0.1): running = (1 - momentum) * running + momentum * batch. Keras calls 1 - momentum its momentum.',
    affine: 'Learn a scale gamma (weight) and shift beta (bias) per channel after normalizing (default True).',
    track_running_stats:
      "Keep running_mean and running_var for eval() (default True). Off, eval() normalizes with each batch's own statistics.",
  },
});
