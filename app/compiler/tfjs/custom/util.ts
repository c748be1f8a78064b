import type { serialization } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from '../tf';

/** True under tf.grad / variableGrads / optimizer.minimize (tfjs's own test for unfusing). */
export function underTape(tf: Tf): boolean {
  return (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
}

/** The single input of a one-input layer's `call`. */
export function one(inputs: Tensor | Tensor[]): Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

/** A layer's `shape | shape[]` argument as one shape. */
export function oneShape(s: (number | null)[] | (number | null)[][]): (number | null)[] {
  return Array.isArray(s[0]) ? (s[0] as (number | null)[]) : (s as (number | null)[]);
}

/**
 * A layer config without undefined values (tfjs's deserializer cannot read them). String values
 * must stay camelCase-proof: tfjs camel-cases strings when loading ('adaptive_avg' would change).
 */
export function cleanConfig<T extends object>(cfg: T): serialization.ConfigDict {
  const { name: _name, ...rest } = cfg as Record<string, unknown>;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as serialization.ConfigDict;
}
