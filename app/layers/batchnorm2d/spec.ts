import { batchNormSpec } from '../batchnorm-common';

export const batchNorm2d = batchNormSpec('BatchNorm2d', [3], '[C, H, W]', {
  summary:
    "Normalizes each channel over the batch and all pixels to mean 0 and variance 1, then scales and shifts it with learned gamma and beta: training gets faster and less sensitive to the learning rate. In train() it uses the batch's statistics and updates running_mean and running_var; in eval() it uses the running statistics (remember model.eval() before testing). Usually Conv2d(bias=False) -> BatchNorm2d -> ReLU.",
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
