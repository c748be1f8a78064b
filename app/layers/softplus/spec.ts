import { z } from 'zod';
import { elementwise } from '../elementwise';
import { float } from '../fields';
import { pyNumber } from '../pyrepr';

export const softplus = elementwise({
  type: 'Softplus',
  description: '1/beta·log(1 + exp(beta·x)), and x where beta·x > threshold (nn.Softplus).',
  schema: z.strictObject({ beta: float().default(1), threshold: float().default(20) }),
  // PyTorch prints the values as given (its defaults are the ints 1 and 20).
  extraRepr: (p) => `beta=${pyNumber(p.beta)}, threshold=${pyNumber(p.threshold)}`,
  summary: (p) => (p.beta === 1 ? '' : `β=${p.beta}`),
  help: {
    summary:
      '1/beta * log(1 + exp(beta * x)): a smooth ReLU whose output is always positive. Where beta * x is above threshold it returns x itself, since the two agree there and exp would overflow. Shape unchanged, no weights.',
    params: {
      beta: 'Sharpness of the curve (default 1); the larger beta, the closer Softplus comes to ReLU.',
      threshold: 'Above this value of beta * x the output is just x, for numerical stability (default 20).',
    },
  },
});
