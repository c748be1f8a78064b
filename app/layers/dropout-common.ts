import { z } from 'zod';
import { bool, probability } from './fields';
import { pyBool, pyFloat } from './pyrepr';

export const dropoutSchema = z.strictObject({
  p: probability().default(0.5),
  inplace: bool().default(false),
});
export type DropoutParams = z.infer<typeof dropoutSchema>;

export const dropoutRepr = (type: string, p: DropoutParams): string =>
  `${type}(p=${pyFloat(p.p)}, inplace=${pyBool(p.inplace)})`;
