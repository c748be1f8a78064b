import { z } from 'zod';

/**
 * Building blocks of the parameter schemas. Each field carries a `description` that completes
 * the sentence "<field> ..." in error messages ("kernel_size must be a positive integer or a pair").
 */

/** Largest integer a size parameter may hold (PyTorch's int32 kernels). */
export const MAX_INT = 2 ** 31 - 1;

const intBetween = (min: number, msg: string) =>
  z.number({ error: msg }).int({ error: msg }).min(min, { error: msg }).max(MAX_INT, { error: msg });

export const posInt = (msg = 'must be a positive integer') => intBetween(1, msg).describe(msg);

export const nonNegInt = (msg = 'must be a non-negative integer') => intBetween(0, msg).describe(msg);

/** PyTorch's `_single` arguments of the 1-D kinds: an int or a 1-tuple (`(3,)`, as the modules store them), read as the int. */
export function intOrSingle(min: 0 | 1) {
  const msg = `must be ${min === 1 ? 'a positive' : 'a non-negative'} integer`;
  const one = intBetween(min, msg);
  return z.union([one, z.tuple([one]).transform(([v]) => v)], { error: msg }).describe(msg);
}

/** PyTorch's `_pair` arguments: an int or a pair of ints. */
export function intOrPair(min: 0 | 1) {
  const what = min === 1 ? 'a positive integer' : 'a non-negative integer';
  const msg = `must be ${what} or a pair`;
  const one = intBetween(min, msg);
  return z.union([one, z.tuple([one, one])], { error: msg }).describe(msg);
}

export const bool = () => z.boolean({ error: 'must be true or false' }).describe('must be true or false');

/** A finite float. */
export const float = (msg = 'must be a finite number') =>
  z.number({ error: msg }).refine(Number.isFinite, { error: msg }).describe(msg);

export const positiveFloat = (msg = 'must be a positive number') =>
  z
    .number({ error: msg })
    .refine((x) => Number.isFinite(x) && x > 0, { error: msg })
    .describe(msg);

export const probability = () => {
  const msg = 'must be a probability between 0 and 1';
  return z.number({ error: msg }).min(0, { error: msg }).max(1, { error: msg }).describe(msg);
};

/** A dimension index counted WITH the batch dimension, as PyTorch counts it (may be negative). */
export const dim = () => {
  const msg = 'must be an integer dimension (counted with the batch dimension)';
  return z.number({ error: msg }).int({ error: msg }).min(-64, { error: msg }).max(64, { error: msg }).describe(msg);
};

/** Optional inferred count (`in_channels`): null or absent means "take it from the input". */
export const inferredCount = () =>
  posInt('must be a positive integer (or left empty to infer it from the input)').nullable().default(null);

export type IntOrPair = number | [number, number];

export const pair = (v: IntOrPair): [number, number] => (typeof v === 'number' ? [v, v] : v);
