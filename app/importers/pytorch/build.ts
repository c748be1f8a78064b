/**
 * A read PyTorch model (schema.ts: the module tree and forward's calls, from either reader) as a
 * Netloom graph: every container of the tree becomes a module (`Sequential`, or a custom `Module`
 * with its class name), every standard layer a node with its attribute name and constructor
 * arguments, a module called again a node that `shares` it, and functional calls (`F.relu`,
 * `torch.flatten`, `+`, `torch.cat`) functional nodes. Nodes are in registration order, so
 * children() and print(model) are PyTorch's. Every problem names the module or the line.
 */
import type { Graph, GraphEdge, GraphNode, ModuleDef, Shape } from '../../graph/types';
import { getLayer, LAYERS } from '../../layers/registry';
import { err, ok, type Result } from '../../result';
import { analyzeGraph } from '../../shapes/analyze';
import { buildModuleTree, namedModules } from '../../modules';
import { layoutTopDown } from '../../templates/layout';
import { callLabel, readCall, type Val } from './calls';
import { isRef, type PyArg, type PyModel, type PyModule, type PyNode } from './schema';

export interface BuiltModel {
  graph: Graph;
  notes: string[];
}

const at = (w: string | undefined) => (w ? `${w}: ` : '');
const parentPath = (p: string) => (p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '');
const lastName = (p: string) => p.slice(p.lastIndexOf('.') + 1);
const SUPPORTED = () =>
  LAYERS.filter((s) => s.isModule)
    .map((s) => s.type)
    .join(', ');

/** A layer's constructor arguments as params the registry accepts, or why not. */
export function layerParams(m: PyModule): Result<{ type: string; params: Record<string, unknown> }> {
  const what = `${m.path} (${m.className})`;
  const spec = getLayer(m.className);
  if (!spec || !spec.isModule)
    return err(
      `${what}: Netloom has no ${m.className} layer (it has ${SUPPORTED()}); replace it in the code or add the layer kind`,
    );
  const keys = Object.keys((spec.schema as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.args)) {
    if (!keys.includes(k))
      return err(
        `${what}: Netloom's ${m.className} has no argument ${k} (it reads ${keys.join(', ') || 'none'}); remove ${k}=${show(v)}`,
      );
    const plain = toPlain(v);
    if (plain === undefined) return err(`${what}: ${k} is ${show(v)}, not a constant Netloom can keep`);
    params[k] = plain;
  }
  const parsed = spec.schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`${what}: ${issue?.path.join('.') || 'its arguments'} ${issue?.message ?? 'are not valid'}`);
  }
  return ok({ type: m.className, params });
}

function toPlain(v: PyArg): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = v.map(toPlain);
    return out.some((x) => x === undefined) ? undefined : out;
  }
  return undefined;
}

const show = (v: PyArg): string =>
  v === null
    ? 'None'
    : typeof v === 'boolean'
      ? v
        ? 'True'
        : 'False'
      : typeof v === 'string'
        ? `'${v}'`
        : Array.isArray(v)
          ? `(${v.map(show).join(', ')})`
          : typeof v === 'object'
            ? 'ref' in v
              ? v.ref
              : v.repr
            : String(v);

/** The graph for `model` fed by one input of per-sample shape `input` ([C, H, W] or [F]). */
export function buildGraph(model: PyModel, input: Shape): Result<BuiltModel> {
  const mods = new Map(model.modules.map((m, i) => [m.path, { m, rank: i }]));
  const containerIds = new Map<string, string>();
  const modules: ModuleDef[] = [];
  const taken = new Set<string>();
  for (const m of model.modules) {
    if (m.kind === 'layer' || m.path === '') continue;
    const parent = parentPath(m.path);
    if (parent !== '' && !containerIds.has(parent))
      return err(`${m.path}: its parent ${parent} is not a container before it`);
    let id = `m_${m.path.replace(/[^A-Za-z0-9_]/g, '_')}`;
    for (let k = 2; taken.has(id); k++) id = `m_${m.path.replace(/[^A-Za-z0-9_]/g, '_')}_${k}`;
    taken.add(id);
    containerIds.set(m.path, id);
    const def: ModuleDef = { id, name: lastName(m.path), kind: m.kind };
    if (m.className !== m.kind) def.className = m.className;
    if (parent) def.parent = containerIds.get(parent);
    modules.push(def);
  }
  const nodes: (GraphNode & { rank: number })[] = [];
  const edges: GraphEdge[] = [];
  const env = new Map<string, Val>();
  const owner = new Map<string, string>();
  let inputId: string | undefined;
  let outputId: string | undefined;
  let rank = -1;
  let counter = 0;
  const resolve = (a: PyArg): Val =>
    isRef(a)
      ? (env.get(a.ref) ?? { t: 'lit', v: null })
      : Array.isArray(a)
        ? { t: 'list', items: a.map(resolve) }
        : { t: 'lit', v: a };
  const addNode = (type: string, params: Record<string, unknown>, from: Val[], extra: Partial<GraphNode>): string => {
    const id = `${type.toLowerCase()}_${++counter}`;
    nodes.push({ id, type, params, position: { x: 0, y: 0 }, rank, ...extra });
    from.forEach((v, port) => {
      if (v.t !== 'tensor') return;
      edges.push({ id: `e${edges.length + 1}`, source: v.id, target: id, ...(port > 0 ? { targetPort: port } : {}) });
    });
    return id;
  };
  const used = new Set<string>();
  const collect = (a: PyArg): void => {
    if (isRef(a)) used.add(a.ref);
    else if (Array.isArray(a)) a.forEach(collect);
  };
  for (const n of model.nodes) [...n.args, ...Object.values(n.kwargs)].forEach(collect);
  for (const n of model.nodes) {
    const where = at(n.where);
    if (n.op === 'placeholder') {
      // A later parameter that forward never uses (`mask=None`) is left out.
      if (inputId && !used.has(n.name)) continue;
      if (inputId) return err(`${where}forward takes more than one input (${n.name}); Netloom networks have one input`);
      inputId = addNode('Input', { shape: [...input] }, [], {});
      env.set(n.name, { t: 'tensor', id: inputId });
    } else if (n.op === 'get_attr') {
      return err(
        `${where}forward reads the tensor self.${n.target} directly; Netloom builds networks from layers only`,
      );
    } else if (n.op === 'output') {
      const v = n.args[0] === undefined ? undefined : resolve(n.args[0]);
      if (v?.t !== 'tensor')
        return err(
          `${where}forward must return one tensor (it returns ${n.args[0] === undefined ? 'nothing' : 'several values'})`,
        );
      outputId = v.id;
    } else if (n.op === 'call_module') {
      const r = callModule(
        n,
        mods.get(n.target),
        containerIds,
        owner,
        resolve,
        addNode,
        (k) => (rank = Math.max(rank, k)),
      );
      if (!r.ok) return err(`${where}${r.error}`);
      env.set(n.name, r.value);
    } else {
      const args = n.args.map(resolve);
      const kwargs = Object.fromEntries(Object.entries(n.kwargs).map(([k, v]) => [k, resolve(v)]));
      const r = readCall(n.op, n.target, args, kwargs);
      if ('error' in r) return err(`${where}forward calls ${callLabel(n.op, n.target)}: ${r.error}`);
      if ('value' in r) {
        env.set(n.name, r.value);
        continue;
      }
      let last: Val | undefined;
      const parent = containerIds.get(n.scope);
      for (const step of r.layers) {
        const from = step.inputs.length > 0 ? step.inputs : last ? [last] : [];
        const functional = getLayer(step.type)?.isModule === true;
        const id = addNode(step.type, step.params, from, {
          ...(parent ? { parent } : {}),
          ...(functional ? { functional: true } : {}),
        });
        last = { t: 'tensor', id };
      }
      if (last) env.set(n.name, last);
    }
  }
  if (!inputId || !outputId) return err('forward has no input or returns nothing');
  const called = [...owner.keys()];
  // A container with no layers inside (an empty nn.Sequential() shortcut) stays, as it prints; any other must be called.
  const hasLayers = (path: string) => model.modules.some((x) => x.kind === 'layer' && x.path.startsWith(`${path}.`));
  const unused = model.modules.find(
    (m) =>
      m.path !== '' &&
      (m.kind === 'layer' ? !owner.has(m.path) : hasLayers(m.path) && !called.some((p) => p.startsWith(`${m.path}.`))),
  );
  if (unused) {
    const hint = unused.path.startsWith('aux') ? ', or build it without (--args \'{"aux_logits": false}\')' : '';
    return err(
      `${at(unused.where)}${unused.path} (${unused.className}) is registered but forward never calls it (in eval mode); Netloom's graph holds what forward computes: remove it${hint}`,
    );
  }
  const order = nodes.map((n, i) => [n, i] as const).sort((a, b) => a[0].rank - b[0].rank || a[1] - b[1]);
  const graph: Graph = {
    format: 'netloom',
    version: 1,
    name: model.name,
    nodes: order.map(([n]) => strip(n)),
    edges,
    modules,
  };
  // The tree Netloom derives must be the one read: same modules in the same (registration) order.
  const got = namedModules(buildModuleTree(graph)).map(([p]) => p);
  const want = model.modules.map((m) => m.path);
  const differs = want.findIndex((p, i) => got[i] !== p);
  if (differs >= 0 || got.length !== want.length) {
    const p = want[differs >= 0 ? differs : Math.min(got.length, want.length)] ?? got[want.length];
    return err(
      `${p} cannot keep its place in the module tree (Netloom orders a module's children by where they are first used, and places empty containers last); register it where forward first uses it`,
    );
  }
  return ok({ graph: finish(graph), notes: [] });
}

type AddNode = (type: string, params: Record<string, unknown>, from: Val[], extra: Partial<GraphNode>) => string;

function callModule(
  n: PyNode,
  rec: { m: PyModule; rank: number } | undefined,
  containers: Map<string, string>,
  owner: Map<string, string>,
  resolve: (a: PyArg) => Val,
  addNode: AddNode,
  setRank: (r: number) => void,
): Result<Val> {
  if (!rec) return err(`forward calls self.${n.target}, which is not a registered module`);
  const m = rec.m;
  if (m.kind !== 'layer')
    return err(`${m.path} (${m.className}) is called as a whole, but its forward could not be read`);
  if (n.args.length !== 1 || Object.keys(n.kwargs).length > 0)
    return err(
      `${m.path} (${m.className}) is called with ${n.args.length} arguments; Netloom's layers take one tensor`,
    );
  const x = resolve(n.args[0]);
  if (x.t !== 'tensor') return err(`${m.path} (${m.className}) is called on something that is not a tensor`);
  const lp = layerParams(m);
  if (!lp.ok) return lp;
  const parent = containers.get(parentPath(m.path));
  const first = owner.get(m.path);
  if (first)
    return ok({
      t: 'tensor',
      id: addNode(lp.value.type, lp.value.params, [x], { ...(parent ? { parent } : {}), shares: first }),
    });
  setRank(rec.rank);
  const id = addNode(lp.value.type, lp.value.params, [x], { ...(parent ? { parent } : {}), name: lastName(m.path) });
  owner.set(m.path, id);
  return ok({ t: 'tensor', id });
}

function strip(n: GraphNode & { rank?: number }): GraphNode {
  const out = { ...n };
  delete out.rank;
  return out;
}

/** Inferred counts (in_channels, num_features, in_features) left to inference where they agree; laid out top-down. */
function finish(graph: Graph): Graph {
  const a = analyzeGraph(graph);
  for (const node of graph.nodes) {
    const info = a.nodes.get(node.id);
    const spec = getLayer(node.type);
    if (!info || info.error || !spec?.inferred) continue;
    for (const k of spec.inferred)
      if (node.params[k] !== undefined && info.inferred[k] === node.params[k]) delete node.params[k];
  }
  const big = graph.nodes.length > 40;
  if (big) for (const m of graph.modules) if (m.kind === 'Module') m.collapsed = true;
  const positions = layoutTopDown(graph);
  for (const node of graph.nodes) node.position = positions.get(node.id) ?? node.position;
  return graph;
}
