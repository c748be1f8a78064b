import { chainProblem } from '../graph/limits';
import { topoOrder } from '../graph/topo';
import type { Graph, GraphEdge, GraphNode, Shape } from '../graph/types';
import { getLayer, parseParams } from '../layers/registry';
import type { AnyLayerSpec } from '../layers/spec';
import { fmtShape } from '../layers/pyrepr';
import { numel } from '../layers/util';
import type { Result } from '../result';
import { buildModuleTree, isRegisteredModule } from '../modules/tree';
import { checkArity, cycleErrors, nodeLabel, wire } from './structure';
import { outputShape, type GraphAnalysis, type GraphError, type NodeAnalysis } from './types';

/** The largest tensor (per sample) and the largest parameter count of one layer accepted: 2^31 elements. */
export const MAX_ELEMENTS = 2 ** 31;

// Parsed params, cached by the params object (the Graph is immutable, so an unchanged node keeps its object).
const parseCache = new WeakMap<object, Map<string, Result<Record<string, unknown>>>>();

function parseCached(type: string, params: unknown, label: string): Result<Record<string, unknown>> {
  if (typeof params !== 'object' || params === null) return parseParams(type, params, label);
  let m = parseCache.get(params);
  if (!m) parseCache.set(params, (m = new Map<string, Result<Record<string, unknown>>>()));
  const key = `${type}\u0000${label}`;
  let r = m.get(key);
  if (!r) m.set(key, (r = parseParams(type, params, label)));
  return r;
}

/** A valid per-sample shape: at most 6 dims, each a positive integer, at most MAX_ELEMENTS in all. */
function shapeProblem(s: Shape): string | undefined {
  if (!Array.isArray(s) || s.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 1))
    return `computes an invalid shape ${Array.isArray(s) ? fmtShape(s) : String(s)}: check its parameters`;
  const n = numel(s);
  if (n > MAX_ELEMENTS)
    return `output ${fmtShape(s)} has ${n.toExponential(2)} elements per sample, more than the limit of 2^31: make it smaller (more stride or pooling, fewer channels)`;
  return undefined;
}

interface Resolved {
  type: string;
  spec?: AnyLayerSpec;
  params: unknown;
  owner?: GraphNode;
  problem?: string;
}

/** A `shares` node runs its owner's module: the owner's type and params. */
function resolve(node: GraphNode, byId: Map<string, GraphNode>): Resolved {
  const who = `${node.type} ${nodeLabel(node)}`;
  if (node.shares === undefined) return { type: node.type, spec: getLayer(node.type), params: node.params };
  const owner = byId.get(node.shares);
  if (!owner)
    return {
      type: node.type,
      params: node.params,
      problem: `${who} shares the module of unknown node "${node.shares}": clear "shares" or pick an existing node`,
    };
  if (owner.shares !== undefined)
    return {
      type: owner.type,
      params: owner.params,
      problem: `${who} shares ${nodeLabel(owner)}, which itself shares ${owner.shares}: share ${owner.shares} directly`,
    };
  if (owner.id === node.id)
    return { type: node.type, params: node.params, problem: `${who} shares itself: clear "shares"` };
  const spec = getLayer(owner.type);
  if (spec && !spec.isModule)
    return {
      type: owner.type,
      params: owner.params,
      problem: `${who}: ${owner.type} is not a module and cannot be shared; clear "shares"`,
    };
  return { type: owner.type, spec, params: owner.params, owner };
}

function errorFor(node: GraphNode, type: string, message: string): GraphError {
  // Messages that start with the layer type ("Linear expects 400 input features ...") keep it as their subject.
  const text = message.startsWith(`${type} `)
    ? `${nodeLabel(node)}: ${message}`
    : `${type} ${nodeLabel(node)}: ${message}`;
  return { nodeId: node.id, message: text };
}

/**
 * The graph with each registered module's `name` set to its module path (`features.0`,
 * `classifier.fc1`), so every message names a layer as the module tree and print(model) do, never
 * by its internal id. Nodes outside the module tree (Input, Add, functional calls) keep theirs.
 */
function withModulePaths(graph: Graph): Graph {
  if (graph.modules.length === 0 && graph.nodes.every((n) => n.name !== undefined || !isRegisteredModule(n)))
    return graph;
  const tree = buildModuleTree(graph);
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const entry = tree.byNode.get(n.id);
    if (!entry || n.shares !== undefined || !entry.path || entry.path === n.name) return n;
    changed = true;
    return { ...n, name: entry.path };
  });
  return changed ? { ...graph, nodes } : graph;
}

/**
 * An input edge that leaves from an output its source does not have (output 2 of a Split cut in
 * two, output 1 of a Conv2d), once the source's outputs are known; the fix removes the edge.
 */
function portProblem(
  node: GraphNode,
  type: string,
  edges: (GraphEdge | undefined)[],
  nodes: Map<string, NodeAnalysis>,
  byId: Map<string, GraphNode>,
): GraphError | undefined {
  for (const e of edges) {
    const port = e?.sourcePort ?? 0;
    if (!e || port === 0) continue;
    const src = nodes.get(e.source);
    if (!src || (src.shape === null && !src.outputs)) continue;
    const count = src.outputs?.length ?? 1;
    if (port < count) continue;
    const from = byId.get(e.source);
    const who = from ? `${from.type} ${nodeLabel(from)}` : e.source;
    return {
      nodeId: node.id,
      edgeId: e.id,
      message: `${type} ${nodeLabel(node)}: its input comes from output ${port} of ${who}, which has ${count === 1 ? 'only output 0' : `outputs 0 to ${count - 1}`}: connect another output, or remove the edge`,
      fix: { kind: 'removeEdge', edgeId: e.id, label: `Remove the edge from output ${port} of ${who}` },
    };
  }
  return undefined;
}

/** Whether a `type` layer with default arguments takes `inputs` and gives `shape` (a one-click replacement). */
function keepsShape(type: string, inputs: Shape[], shape: Shape): boolean {
  const spec = getLayer(type);
  const p = spec?.schema.safeParse({});
  if (!spec || !p?.success || inputs.length < spec.inputs.min || inputs.length > spec.inputs.max) return false;
  const s = spec.inferShape(inputs, p.data);
  return s.ok && s.value.length === shape.length && s.value.every((d, i) => d === shape[i]);
}

/**
 * Shape inference and counts over the whole graph, as PyTorch computes them. Never throws.
 * Every node gets a shape or its own error; nodes after an error get shape null and no error.
 */
export function analyzeGraph(document: Graph): GraphAnalysis {
  const graph = withModulePaths(document);
  const byId = new Map<string, GraphNode>();
  const errors: GraphError[] = [];
  for (const n of graph.nodes) {
    if (byId.has(n.id)) errors.push({ nodeId: n.id, message: `Two nodes have the id "${n.id}": rename one of them` });
    else byId.set(n.id, n);
  }
  const wiring = wire(graph, byId);
  errors.push(...wiring.errors);
  const topo = topoOrder(graph);
  const nodeErrors = new Map(wiring.nodeErrors);
  for (const e of cycleErrors(graph, topo.cyclic, byId))
    if (e.nodeId && !nodeErrors.has(e.nodeId)) nodeErrors.set(e.nodeId, e);

  const nodes = new Map<string, NodeAnalysis>();
  const inferredOf = new Map<string, Record<string, number>>();
  const sharers = new Map<string, string[]>();
  let totalParams = 0;
  let trainableParams = 0;
  let totalMacs = 0;
  let activationElements = 0;

  const analyzeNode = (node: GraphNode, placed: boolean): NodeAnalysis => {
    const r = resolve(node, byId);
    const edges = wiring.ports.get(node.id) ?? [];
    const inputs = Array.from(edges, (e) => (e ? outputShape(nodes.get(e.source), e.sourcePort ?? 0) : null));
    const a: NodeAnalysis = {
      id: node.id,
      type: r.type,
      inputs,
      shape: null,
      inferred: {},
      params: 0,
      trainableParams: 0,
      macs: 0,
    };
    const fail = (e: GraphError) => ((a.error = e), a);
    const own = nodeErrors.get(node.id);
    if (own) return fail(own);
    if (!placed) return a; // behind a cycle: unknown, the cycle carries the error
    if (r.problem) return fail({ nodeId: node.id, message: r.problem });
    if (!r.spec) return fail(errorFor(node, r.type, `unknown layer type "${r.type}": pick a layer from the palette`));
    const arity = checkArity(node, r.type, edges, r.spec.inputs, byId);
    if (arity) return fail(arity);
    const parsed = parseCached(r.type, r.params, nodeLabel(r.owner ?? node));
    if (!parsed.ok) return fail({ nodeId: node.id, message: parsed.error });
    const badPort = portProblem(node, r.type, edges, nodes, byId);
    if (badPort) return fail(badPort);
    if (inputs.some((s) => s === null)) return a; // downstream of an error: unknown, no error of its own
    const ins = inputs as Shape[];
    const p = parsed.value;
    const many = r.spec.inferOutputs?.(ins, p);
    const out = many ? (many.ok ? { ok: true as const, value: many.value[0] } : many) : r.spec.inferShape(ins, p);
    if (!out.ok) {
      const e = errorFor(node, r.type, out.error);
      const fix = r.spec.fix?.(ins, p);
      if (fix) e.fix = { ...fix, nodeId: r.owner?.id ?? node.id };
      return fail(e);
    }
    for (const s of many?.ok ? many.value : [out.value]) {
      const bad = shapeProblem(s);
      if (bad) return fail(errorFor(node, r.type, bad));
    }
    if (many?.ok) a.outputs = many.value;
    a.inferred = r.spec.infer?.(ins, p) ?? {};
    // A shared module must see the same inferred sizes at every call.
    const ownerId = r.owner?.id ?? node.id;
    const other = [ownerId, ...(sharers.get(ownerId) ?? [])]
      .map((id) => inferredOf.get(id))
      .find((v) => v !== undefined);
    if (other) {
      const k = Object.keys(a.inferred).find((key) => other[key] !== undefined && other[key] !== a.inferred[key]);
      if (k)
        return fail(
          errorFor(
            node,
            r.type,
            `is the same module as ${r.owner ? nodeLabel(r.owner) : 'another call'} but gets ${k} ${a.inferred[k]} instead of ${other[k]}: use a separate layer`,
          ),
        );
    }
    inferredOf.set(node.id, a.inferred);
    if (r.owner) sharers.set(ownerId, [...(sharers.get(ownerId) ?? []), node.id]);
    if (!r.owner) {
      const tensors = [...r.spec.parameters(ins, p), ...r.spec.buffers(ins, p)];
      // A functional call (`F.relu`) registers nothing, so a kind with weights cannot be one.
      if (node.functional && tensors.length > 0)
        return fail(
          errorFor(
            node,
            r.type,
            `has ${tensors.map((t) => t.name).join(', ')} and cannot be a functional call: clear "functional"`,
          ),
        );
      let count = 0;
      let trainable = 0;
      for (const t of tensors) {
        const n = numel(t.shape);
        if (!Number.isSafeInteger(n) || n > MAX_ELEMENTS)
          return fail(
            errorFor(
              node,
              r.type,
              `${t.name} would have ${n.toExponential(2)} elements, more than the limit of 2^31: make the layer smaller`,
            ),
          );
        if (t.trainable) trainable += n;
      }
      for (const t of r.spec.parameters(ins, p)) count += numel(t.shape);
      a.params = count;
      a.trainableParams = trainable;
    }
    a.macs = r.spec.macs(ins, out.value, p);
    a.shape = out.value;
    // A placeholder (import --partial) keeps its shape for the layers after it but is an error itself.
    const problem = r.spec.problem?.(p, ins);
    if (problem) {
      a.error = errorFor(node, r.type, problem.message);
      const kind = problem.replaceWith?.find((k) => keepsShape(k, ins, out.value));
      if (kind) a.error.fix = { kind: 'replaceNode', nodeId: node.id, layerType: kind, label: `Replace with ${kind}` };
    }
    return a;
  };

  for (const id of topo.order) {
    const node = byId.get(id) as GraphNode;
    if (nodes.has(id)) continue;
    const a = analyzeNode(node, true);
    nodes.set(id, a);
    totalParams += a.params;
    trainableParams += a.trainableParams;
    totalMacs += a.macs;
    for (const s of a.outputs ?? (a.shape ? [a.shape] : [])) activationElements += numel(s);
  }
  for (const id of topo.cyclic) if (!nodes.has(id)) nodes.set(id, analyzeNode(byId.get(id) as GraphNode, false));
  for (const n of graph.nodes) {
    const e = nodes.get(n.id)?.error;
    if (e && byId.get(n.id) === n) errors.push(e);
  }
  const tooLong = chainProblem(graph, topo.order);
  if (tooLong) errors.push(tooLong);
  const edgeShapes = new Map<string, Shape | null>();
  for (const e of graph.edges) edgeShapes.set(e.id, outputShape(nodes.get(e.source), e.sourcePort ?? 0));
  return {
    nodes,
    edges: edgeShapes,
    order: topo.order,
    errors,
    totalParams,
    trainableParams,
    totalMacs,
    activationElements,
  };
}
