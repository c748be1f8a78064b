/**
 * Emits ONNX nodes and constants with unique names. Names follow torch.onnx's scheme: a node of the
 * module `layer1.0.conv1` is `/layer1/layer1.0/conv1/Conv` with the output `/layer1/layer1.0/conv1/Conv_output_0`
 * (set `scope` before emitting a layer's operators), so Netron shows the module path and importers
 * (ours included) can rebuild the module tree.
 */
import type { OnnxAttr, OnnxNode, OnnxTensor } from './types';

/** torch.onnx's scope of a module path: `layer1.0.conv1` -> `/layer1/layer1.0/conv1`; '' for the root. */
export function torchScope(path: string): string {
  if (!path) return '';
  // torch.onnx writes an index inside a Sequential after its parent's segment (`layer1.0`,
  // `body.0.0`), a named child as its name.
  let prev = '';
  let out = '';
  for (const [i, p] of path.split('.').entries()) {
    prev = i > 0 && /^\d+$/.test(p) ? `${prev}.${p}` : p;
    out += `/${prev}`;
  }
  return out;
}

export class OnnxBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly names = new Set<string>();
  private readonly weights = new Set<string>();
  /** The torch.onnx scope of the operators emitted next (`/layer1/layer1.0/conv1`; '' at the root). */
  scope = '';

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
    const name = this.unique(`${this.scope}/${opType}`);
    const output = out ?? this.unique(`${name}_output_0`);
    if (out) this.names.add(out);
    this.nodes.push({ opType, name, inputs, outputs: [output], attributes });
    return output;
  }

  /** One node with `count` outputs (Split); returns the outputs' names, `_output_0`, `_output_1`, ... as torch.onnx names them. */
  opMany(opType: string, inputs: string[], count: number, attributes: Record<string, OnnxAttr> = {}): string[] {
    const name = this.unique(`${this.scope}/${opType}`);
    const outputs = Array.from({ length: count }, (_, k) => this.unique(`${name}_output_${k}`));
    this.nodes.push({ opType, name, inputs, outputs, attributes });
    return outputs;
  }

  floatConst(base: string, values: ArrayLike<number>, dims: number[]): string {
    const name = this.unique(`${this.scope}/${base}`);
    this.initializers.push({ name, dims, dataType: 1, floats: Float32Array.from(values) });
    return name;
  }

  intConst(base: string, values: number[]): string {
    const name = this.unique(`${this.scope}/${base}`);
    this.initializers.push({ name, dims: [values.length], dataType: 7, ints: values });
    return name;
  }

  /** A named initializer (a parameter), added once even when a shared module uses it again. */
  weight(name: string, values: ArrayLike<number>, dims: number[]): string {
    if (!this.weights.has(name)) {
      this.weights.add(name);
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
