import type { Tensor } from '../tf';

/** The single input of a one-input layer's `call`. */
export function one(inputs: Tensor | Tensor[]): Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

/** A layer's `shape | shape[]` argument as one shape. */
export function oneShape(s: (number | null)[] | (number | null)[][]): (number | null)[] {
  return Array.isArray(s[0]) ? (s[0] as (number | null)[]) : (s as (number | null)[]);
}
