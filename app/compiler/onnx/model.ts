/**
 * Graph -> ONNX (opset 13): the graph's Input nodes become the inputs `input` (`input_0`, ...)
 * with a symbolic batch `N`, its outputs `output` (`output_0`, ...), in the order of the tfjs
 * compiler; parameters are initializers named as PyTorch's state_dict names them; operators are
 * named by their module's path as torch.onnx names them (`/layer1/layer1.0/conv1/Conv`; a shared
 * module's second call `/layer1/layer1.0/relu_1/Relu`), and the metadata `netloom.modules` lists
 * named_modules() (path, kind, class name), so an import rebuilds the same module tree.
 */
import { edgeValue, valueKey } from '../../graph/ports';
import { topoOrder } from '../../graph/topo';
import type { Graph } from '../../graph/types';
import { getLayer } from '../../layers/registry';
import { buildModuleTree, namedModules } from '../../modules';
import { analyzeGraph } from '../../shapes/analyze';
import { err, ok, type Result } from '../../result';
import { OnnxBuilder, torchScope } from './builder';
import { convertNode } from './ops';
import type { OnnxModel } from './types';

/** The metadata key holding named_modules() as JSON `[{ path, kind, className, collapsed? }]`. */
export const MODULES_META = 'netloom.modules';
/** The metadata key holding each layer's type and PyTorch arguments by its output value: `{ [value]: { type, params } }`. */
export const LAYERS_META = 'netloom.layers';

export interface NamedWeights {
  get(name: string): { shape: number[]; values: ArrayLike<number> } | undefined;
}

export const ONNX_OPSET = 13;

export function graphToOnnx(graph: Graph, weights: NamedWeights, meta: Record<string, string> = {}): Result<OnnxModel> {
  const analysis = analyzeGraph(graph);
  if (analysis.errors.length > 0) return err(`the graph has errors; fix them first: ${analysis.errors[0].message}`);
  const tree = buildModuleTree(graph, analysis);
  const { order } = topoOrder(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const used = new Set(graph.edges.map((e) => e.source));
  const inputIds = order.filter((id) => byId.get(id)?.type === 'Input');
  const outputIds = order.filter((id) => !used.has(id) && byId.get(id)?.type !== 'Input');
  if (inputIds.length === 0 || outputIds.length === 0) return err('the graph needs an Input node and a layer after it');
  const b = new OnnxBuilder();
  const layers: Record<string, { type: string; params: Record<string, unknown> }> = {};
  const calls = new Map<string, number>();
  const registered = new Set(namedModules(tree).map(([p]) => p));
  const scopeOf = (node: (typeof graph.nodes)[number]): string => {
    if (node.shares) {
      const path = tree.byNode.get(node.shares)?.path ?? '';
      // torch.onnx's name for a later call (`relu_1`), skipping names real modules have.
      let k = calls.get(node.shares) ?? 0;
      do k++;
      while (registered.has(`${path}_${k}`));
      calls.set(node.shares, k);
      return torchScope(path ? `${path}_${k}` : '');
    }
    const own = tree.byNode.get(node.id)?.path;
    if (own !== undefined) return torchScope(own);
    return torchScope((node.parent && tree.byModule.get(node.parent)?.path) || '');
  };
  const values = new Map<string, string>();
  const inputs = inputIds.map((id, i) => {
    const name = inputIds.length === 1 ? 'input' : `input_${i}`;
    b.reserve(name);
    values.set(id, name);
    return { name, shape: analysis.nodes.get(id)?.shape ?? [] };
  });
  const outNames = outputIds.map((_, i) => (outputIds.length === 1 ? 'output' : `output_${i}`));
  outNames.forEach((n) => b.reserve(n));
  for (const id of order) {
    const node = byId.get(id);
    if (!node || node.type === 'Input') continue;
    const info = analysis.nodes.get(id);
    const spec = getLayer(node.type);
    const parsed = spec?.schema.safeParse(node.params ?? {});
    if (!info?.shape || !parsed?.success) return err(`node '${id}' (${node.type}) has no known shape or parameters`);
    const ins = graph.edges
      .filter((e) => e.target === id)
      .sort((x, y) => (x.targetPort ?? 0) - (y.targetPort ?? 0))
      .map((e) => values.get(edgeValue(e)) as string);
    const owner = node.shares ?? id;
    const path = tree.byNode.get(owner)?.path;
    b.scope = scopeOf(node);
    const r = convertNode({
      b,
      node,
      p: { ...parsed.data, ...info.inferred },
      inputs: ins,
      inShapes: info.inputs as number[][],
      outShape: info.shape,
      param(name) {
        const key = path ? `${path}.${name}` : `${owner}.${name}`;
        const w = weights.get(key);
        if (!w) return err(`the weights have no '${key}' (node '${id}')`);
        return ok(b.weight(key, w.values, w.shape));
      },
    });
    if (!r.ok) return err(`node '${id}' (${node.type}): ${r.error}`);
    const outs = typeof r.value === 'string' ? [r.value] : r.value;
    if (outs.length > 1 && outputIds.includes(id))
      return err(
        `node '${id}' (${node.type}) is an output of the network but has several outputs: connect them to layers`,
      );
    outs.forEach((v, k) => values.set(valueKey(id, k), v));
    // Keys sorted: the same layer gives the same bytes whether its params came from a template or a parsed file.
    if (!layers[outs[0]])
      layers[outs[0]] = {
        type: node.type,
        params: Object.fromEntries(Object.entries(node.params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      };
  }
  b.scope = '';
  outputIds.forEach((id, i) => b.op('Identity', [values.get(id) as string], {}, outNames[i]));
  const defs = new Map(graph.modules.map((m) => [m.id, m]));
  const named = namedModules(tree).map(([p, m]) => {
    const def = m.moduleId ? defs.get(m.moduleId) : undefined;
    return { path: p, kind: m.kind, className: m.className, ...(def?.collapsed ? { collapsed: true } : {}) };
  });
  return ok({
    irVersion: 7,
    opset: ONNX_OPSET,
    producerName: 'netloom',
    producerVersion: '1',
    graph: {
      name: graph.name || 'Net',
      nodes: b.nodes,
      initializers: b.initializers,
      inputs,
      outputs: outputIds.map((id, i) => ({ name: outNames[i], shape: analysis.nodes.get(id)?.shape ?? [] })),
    },
    metadata: { ...meta, [MODULES_META]: JSON.stringify(named), [LAYERS_META]: JSON.stringify(layers) },
  });
}
