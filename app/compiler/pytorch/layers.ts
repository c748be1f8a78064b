/**
 * One layer node as Python: its `nn.X(...)` constructor (a registered sub-module) or its call in
 * `forward` when the node is functional (`F.relu(x)`, `torch.flatten(x, 1)`, `a + b`, `torch.cat`).
 * Arguments are the parameters the person gave plus the inferred sizes, by PyTorch's names; the
 * others keep PyTorch's defaults, which are the registry's defaults. Each kind's entry (positional
 * arguments, floats, functional form) is `app/layers/<kind>/pytorch.ts`.
 */
import type { GraphNode } from '../../graph/types';
import { getLayer } from '../../layers/registry';
import { getTargets } from '../../layers/targets';
import { err, ok, type Result } from '../../result';
import type { PytorchEntry } from './entry';
import { pyValue } from './pysyntax';

export { pyValue };

export interface LayerArgs {
  positional: string[];
  keyword: [string, string][];
}

const entryOf = (type: string): PytorchEntry => getTargets(type)?.pytorch ?? {};

/** The node's arguments: given params (parsed, defaults filled) and inferred sizes, schema order. */
export function layerArgs(node: GraphNode, inferred: Record<string, number>, all = false): Result<LayerArgs> {
  const spec = getLayer(node.type);
  if (!spec) return err(`unknown layer type '${node.type}'`);
  const parsed = spec.schema.safeParse(node.params ?? {});
  if (!parsed.success)
    return err(`${node.type} ${node.id}: ${parsed.error.issues[0]?.message ?? 'invalid parameters'}`);
  const given = new Set(Object.keys(node.params ?? {}));
  const values: Record<string, unknown> = parsed.data;
  const entry = entryOf(node.type);
  const pos = entry.positional ?? [];
  const floats = new Set(entry.floats ?? []);
  const out: LayerArgs = { positional: [], keyword: [] };
  for (const key of Object.keys(values)) {
    if (key === 'shape' && node.type === 'Input') continue;
    const v = key in inferred ? inferred[key] : values[key];
    const required = pos.includes(key);
    if (!all && !required && !given.has(key) && !(key in inferred)) continue;
    if (v === null && key in inferred === false && (spec.inferred ?? []).includes(key)) continue;
    const text = pyValue(v, floats.has(key));
    if (required) out.positional[pos.indexOf(key)] = text;
    else out.keyword.push([key, text]);
  }
  if (out.positional.some((p) => p === undefined) || out.positional.length < pos.length)
    return err(`${node.type} ${node.id}: its input size is unknown (fix the graph's shape errors first)`);
  return ok(out);
}

const joinArgs = (a: LayerArgs, lead: string[] = []): string =>
  [...lead, ...a.positional, ...a.keyword.map(([k, v]) => `${k}=${v}`)].join(', ');

/** `nn.Conv2d(1, 6, kernel_size=5, padding=2)`. */
export function constructorExpr(node: GraphNode, inferred: Record<string, number>): Result<string> {
  const a = layerArgs(node, inferred);
  if (!a.ok) return a;
  const cls = entryOf(node.type).python?.module ?? `nn.${node.type}`;
  return ok(`${cls}(${joinArgs(a.value)})`);
}

/** The Python definitions the graph's kinds need (PytorchEntry.python), once each, in graph order. */
export function kindDefinitions(types: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of new Set(types)) {
    const code = entryOf(t).python?.code;
    if (code) out.push(code);
  }
  return out;
}

/** The expression a functional node computes from its input expressions. */
export function functionalExpr(node: GraphNode, inputs: string[]): Result<string> {
  const entry = entryOf(node.type);
  if (!entry.functional) return err(`${node.type} ${node.id} cannot be a functional call: make it a module`);
  // Every parameter, explicitly: F's defaults are not always the module's (torch.flatten's start_dim is 0).
  const a = layerArgs(node, {}, true);
  if (!a.ok) return a;
  const args = new Map([...a.value.keyword]);
  (entry.positional ?? []).forEach((k, i) => args.set(k, a.value.positional[i]));
  const params = getLayer(node.type)?.schema.safeParse(node.params ?? {});
  return ok(entry.functional({ inputs, args, params: params?.success ? params.data : {} }));
}
