/**
 * Graph -> tf.LayersModel (functional API, any DAG, several inputs and outputs), `tf` injected.
 * The model's interface speaks PyTorch: each input is [N, C, H, W] (or [N, F]), each output in
 * PyTorch order; inside it runs NHWC. Weights are initialized as PyTorch initializes them.
 */
import type { Graph, GraphNode } from '../../graph/types';
import { chainProblem } from '../../graph/limits';
import { valueKey } from '../../graph/ports';
import { topoOrder } from '../../graph/topo';
import { analyzeGraph } from '../../shapes/analyze';
import { checkSizeLimits } from '../../training/memory';
import { err, ok, type Result } from '../../result';
import { customLayers } from './custom';
import { UNSUPPORTED_TYPE } from '../../layers/unsupported/spec';
import type { Built, ParamBinding } from './converter';
import { reluFusions } from './fuse';
import { initTorch } from './init';
import { fromTorchOrder, toTorchOrder, torchShape } from './layout';
import { torchNamer } from './names';
import type { Namer } from './statedict';
import { registryParams } from './registry-params';
import { CONVERTERS } from './table';
import type { LayersModel, SymbolicTensor, Tf } from './tf';

export interface NodeBindings {
  nodeId: string;
  type: string;
  bindings: ParamBinding[];
}

export interface CompiledModel {
  model: LayersModel;
  /** Input node ids in model input order; their PyTorch per-sample shapes. */
  inputIds: string[];
  inputShapes: number[][];
  /** Output node ids in model output order; their PyTorch per-sample shapes. */
  outputIds: string[];
  outputShapes: number[][];
  /** Parameters and buffers of each module-owning node, in graph order. */
  nodes: NodeBindings[];
  /** PyTorch state_dict names (`features.0.weight`) of the nodes' tensors. */
  namer: Namer;
}

export interface CompileOptions {
  /** Seed for PyTorch-style initialization and dropout masks. */
  seed?: number;
  /** PyTorch-style initialization of Conv2d and Linear weights (default true); false where every weight is set next (imports). */
  initialize?: boolean;
  /** Build a ReLU into the Conv2d/Linear before it where nothing else reads that layer (default true). */
  fuseRelu?: boolean;
  /** Fills defaults into a node's params; default: the registry's schema. */
  parseParams?: (node: GraphNode) => Result<Record<string, unknown>>;
}

function safeName(id: string, used: Set<string>): string {
  const base = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  let name = base;
  for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}

/** Compiles; on an error, disposes the weights the layers built so far, so a failed compile leaves no tensors behind. */
export function compileGraph(tf: Tf, graph: Graph, options: CompileOptions = {}): Result<CompiledModel> {
  const variables = () => tf.engine().registeredVariables;
  const before = new Set(Object.keys(variables()));
  let r: Result<CompiledModel>;
  try {
    r = compileUnchecked(tf, graph, options);
  } catch (e) {
    // tfjs-layers builds and initializes a model recursively; a graph past MAX_CHAIN is refused
    // before, and this keeps any other overflow a value with a fix, not a crash.
    if (!(e instanceof RangeError)) throw e;
    r = err(`The graph is too deep for TensorFlow.js to build (${e.message}): shorten its longest chain of layers.`);
  }
  if (!r.ok) for (const [name, v] of Object.entries(variables())) if (!before.has(name)) v.dispose();
  return r;
}

function compileUnchecked(tf: Tf, graph: Graph, options: CompileOptions): Result<CompiledModel> {
  const { order, cyclic } = topoOrder(graph);
  if (cyclic.length > 0) return err(`The graph has a cycle through ${cyclic.slice(0, 3).join(', ')}: remove an edge.`);
  const tooLong = chainProblem(graph, order);
  if (tooLong) return err(tooLong.message);
  const analysis = analyzeGraph(graph);
  const tooBig = checkSizeLimits(analysis);
  if (tooBig) return err(`The graph cannot be built: ${tooBig}`);
  // An import placeholder has no computation: its own error says which and how to replace it.
  const placeholder = graph.nodes.find((n) => n.type === UNSUPPORTED_TYPE);
  if (placeholder)
    return err(
      analysis.nodes.get(placeholder.id)?.error?.message ??
        `Node '${placeholder.id}' is an import placeholder: replace it with a layer`,
    );
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, { source: string; port: number; from: number }[]>();
  const hasOut = new Set<string>();
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = incoming.get(e.target) ?? [];
    list.push({ source: e.source, port: e.targetPort ?? 0, from: e.sourcePort ?? 0 });
    incoming.set(e.target, list);
    hasOut.add(e.source);
  }
  const custom = customLayers(tf);
  const used = new Set<string>();
  const outputs = new Map<string, SymbolicTensor>();
  const built = new Map<string, Built>();
  const fusions = options.fuseRelu === false ? new Map<string, string>() : reluFusions(graph);
  const fusedInto = new Map([...fusions].map(([producer, relu]) => [relu, producer]));
  const inputs: SymbolicTensor[] = [];
  const inputIds: string[] = [];
  const nodes: NodeBindings[] = [];
  for (const id of order) {
    const node = byId.get(id) as GraphNode;
    const convert = CONVERTERS[node.type];
    if (!convert) return err(`Node '${id}': layer type '${node.type}' has no TensorFlow.js conversion.`);
    const parsed = (options.parseParams ?? registryParams)(node);
    if (!parsed.ok) return err(`Node '${id}' (${node.type}): ${parsed.error}`);
    const name = safeName(id, used);
    let xs: SymbolicTensor[];
    if (node.type === 'Input') {
      const shape = parsed.value.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d > 0)) {
        return err(`Input '${id}': shape must be a list of positive integers such as [1, 28, 28].`);
      }
      const x = tf.input({ shape: shape as number[], name });
      inputs.push(x);
      inputIds.push(id);
      xs = [fromTorchOrder(tf, x, `${name}_nhwc`)];
    } else {
      const ins = (incoming.get(id) ?? []).sort((a, b) => a.port - b.port);
      if (ins.length === 0) return err(`Node '${id}' (${node.type}) has no input: connect one.`);
      const missing = ins.find((i) => !outputs.has(valueKey(i.source, i.from)));
      if (missing)
        return err(
          `Node '${id}' (${node.type}) reads output ${missing.from} of '${missing.source}', which has no such output: reconnect it.`,
        );
      xs = ins.map((i) => outputs.get(valueKey(i.source, i.from)) as SymbolicTensor);
    }
    const producer = fusedInto.get(id);
    if (producer && built.get(producer)?.fusedRelu) {
      outputs.set(id, xs[0]);
      continue;
    }
    const owner = node.shares && byId.has(node.shares) ? node.shares : id;
    let b = built.get(owner);
    if (!b) {
      const r = convert({ tf, custom, node, p: parsed.value, inputs: xs, name, fuseRelu: fusions.has(id) });
      if (!r.ok) return r;
      b = r.value;
      built.set(owner, b);
      if (b.bindings.length > 0) nodes.push({ nodeId: owner, type: node.type, bindings: b.bindings });
    }
    try {
      const out = b.apply(xs);
      if (Array.isArray(out)) out.forEach((t, k) => outputs.set(valueKey(id, k), t));
      else outputs.set(id, out);
    } catch (e) {
      return err(
        `Node '${id}' (${node.type}) cannot be built in TensorFlow.js: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (inputs.length === 0) return err('The graph has no Input node: add one.');
  const outputIds = order.filter((id) => !hasOut.has(id) && byId.get(id)?.type !== 'Input');
  if (outputIds.length === 0) return err('The graph has no output: connect a layer after the Input.');
  const multi = outputIds.find((id) => outputs.has(valueKey(id, 1)));
  if (multi)
    return err(
      `${byId.get(multi)?.type} '${multi}' is an output of the network, but it has several outputs: connect them to layers (Concat joins them again).`,
    );
  const outs = outputIds.map((id, i) => toTorchOrder(tf, outputs.get(id) as SymbolicTensor, `out_${i}_nchw`));
  const model = tf.model({ inputs, outputs: outs, name: safeName(graph.name || 'Net', new Set()) });
  const docIndex = new Map(graph.nodes.map((n, i) => [n.id, i]));
  nodes.sort((a, b) => (docIndex.get(a.nodeId) ?? 0) - (docIndex.get(b.nodeId) ?? 0));
  const compiled: CompiledModel = {
    model,
    inputIds,
    inputShapes: inputs.map((x) => x.shape.slice(1) as number[]),
    outputIds,
    outputShapes: outIdsShapes(outputIds, outputs),
    nodes,
    namer: torchNamer(graph),
  };
  initTorch(tf, compiled, options.seed ?? 0, options.initialize !== false);
  return ok(compiled);
}

function outIdsShapes(ids: string[], outputs: Map<string, SymbolicTensor>): number[][] {
  return ids.map((id) => torchShape(outputs.get(id) as SymbolicTensor));
}
