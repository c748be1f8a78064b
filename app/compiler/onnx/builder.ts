/** Emits ONNX nodes and constants with unique names. */
import type { OnnxAttr, OnnxNode, OnnxTensor } from './types';

export class OnnxBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly names = new Set<string>();

  /** A name not used yet, from `base`. */
  unique(base: string): string {
    let n = base;
    for (let i = 1; this.names.has(n); i++) n = `${base}_${i}`;
    this.names.add(n);
    return n;
  }

  reserve(name: string): void {
    this.names.add(name);
  }

  /** One node with one output; returns the output's name. */
  op(opType: string, inputs: string[], attributes: Record<string, OnnxAttr> = {}, out?: string): string {
    const output = out ?? this.unique(`${inputs[0] ?? opType}/${opType}`);
    if (out) this.names.add(out);
    this.nodes.push({ opType, name: this.unique(`node/${output}`), inputs, outputs: [output], attributes });
    return output;
  }

  floatConst(base: string, values: ArrayLike<number>, dims: number[]): string {
    const name = this.unique(base);
    this.initializers.push({ name, dims, dataType: 1, floats: Float32Array.from(values) });
    return name;
  }

  intConst(base: string, values: number[]): string {
    const name = this.unique(base);
    this.initializers.push({ name, dims: [values.length], dataType: 7, ints: values });
    return name;
  }

  /** A named initializer (a parameter), added once even when a shared module uses it again. */
  weight(name: string, values: ArrayLike<number>, dims: number[]): string {
    if (!this.initializers.some((t) => t.name === name)) {
      this.names.add(name);
      this.initializers.push({ name, dims, dataType: 1, floats: Float32Array.from(values) });
    }
    return name;
  }
}

export const ints = (value: number[]): OnnxAttr => ({ kind: 'ints', value });
export const int = (value: number): OnnxAttr => ({ kind: 'int', value });
export const float = (value: number): OnnxAttr => ({ kind: 'float', value });
export const str = (value: string): OnnxAttr => ({ kind: 'string', value });
