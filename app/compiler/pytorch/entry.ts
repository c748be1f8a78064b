/** The interface every per-kind PyTorch entry implements (`app/layers/<kind>/pytorch.ts`). */

/** A functional node's call: its input expressions and every parameter as Python text, by PyTorch's name. */
export interface FunctionalCall<P = Record<string, unknown>> {
  inputs: string[];
  args: ReadonlyMap<string, string>;
  params: Readonly<P>;
}

export interface PytorchEntry<P = Record<string, unknown>> {
  /** Arguments written positionally, as people write them: `nn.Conv2d(1, 6, kernel_size=5)`. */
  positional?: readonly (keyof P & string)[];
  /** Parameters that are Python floats (printed as `2.0`, `1e-05`). */
  floats?: readonly (keyof P & string)[];
  /**
   * The expression `forward` computes when the node is not a registered module (`F.relu(x)`,
   * `torch.flatten(x, 1)`, `a + b`). Absent: the kind is always a module.
   */
  functional?(call: FunctionalCall<P>): string;
  /**
   * Python that model.py defines once when the graph has this kind, for a kind whose `nn.X` cannot
   * be used as is: `module` names the class written instead of `nn.X(...)` (same name, so
   * print(model) reads the same).
   */
  python?: { module: string; code: string };
}

/**
 * `fn(x, key=value, ...)` with the named parameters in this order (others dropped, e.g. inplace),
 * followed by `extra` arguments. Every parameter is written: F's defaults are not always the
 * module's (torch.flatten's start_dim is 0).
 */
export const fcall =
  <P = Record<string, unknown>>(fn: string, keys: readonly (keyof P & string)[] = [], extra: readonly string[] = []) =>
  ({ inputs, args }: FunctionalCall<P>): string =>
    `${fn}(${[inputs[0], ...keys.filter((k) => args.has(k)).map((k) => `${k}=${args.get(k)}`), ...extra].join(', ')})`;
