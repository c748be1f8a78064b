/**
 * A small imperative helper the templates use to assemble a Graph document: it hands out
 * readable unique ids, records document order (which decides children() order, see
 * app/modules/tree.ts), wires edges in port order and lays the nodes out top-down at the end.
 */
import type { Graph, GraphEdge, GraphNode, ModuleDef, ModuleKind, Shape } from '../graph/types';
import { layoutTopDown } from './layout';

export interface LayerOptions {
  /** Module id the node belongs to (absent = root). */
  parent?: string;
  /** Attribute name inside its module (`conv1`); inside a Sequential the index is the default. */
  name?: string;
  /** Re-use of another node's module (`self.relu` called twice). */
  shares?: string;
  /** A call in forward, not a registered sub-module (`F.relu`, `torch.flatten`). */
  functional?: boolean;
}

export interface ModuleOptions {
  parent?: string;
  className?: string;
  collapsed?: boolean;
}

/** Output `port` of a node with several outputs (Split, Chunk), as a source for `layer`. */
export interface Out {
  id: string;
  port: number;
}

type Source = string | Out;
type From = Source | readonly Source[] | undefined;

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly modules: ModuleDef[] = [];
  private readonly ports = new Map<string, number>();
  private readonly counters = new Map<string, number>();
  private training?: Record<string, unknown>;
  private dataset?: Record<string, unknown>;

  constructor(
    private readonly name: string,
    private readonly description?: string,
  ) {}

  private nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}_${n}`;
  }

  /** An `Input` node carrying the per-sample shape. */
  input(shape: Shape): string {
    const id = this.nextId('input');
    this.nodes.push({ id, type: 'Input', params: { shape: [...shape] }, position: { x: 0, y: 0 } });
    return id;
  }

  /** A container: `Sequential` or a custom `Module` with its class name. Returns its id. */
  module(name: string, kind: ModuleKind, options: ModuleOptions = {}): string {
    const id = this.nextId(`m_${name.replace(/[^A-Za-z0-9_]/g, '_')}`);
    const def: ModuleDef = { id, name, kind };
    if (options.className !== undefined) def.className = options.className;
    if (options.parent !== undefined) def.parent = options.parent;
    if (options.collapsed) def.collapsed = true;
    this.modules.push(def);
    return id;
  }

  /** A layer node fed by `from` (ids in port order). Returns its id. */
  layer(type: string, params: Record<string, unknown>, from: From, options: LayerOptions = {}): string {
    const id = this.nextId(type.toLowerCase());
    const node: GraphNode = { id, type, params: { ...params }, position: { x: 0, y: 0 } };
    if (options.parent !== undefined) node.parent = options.parent;
    if (options.name !== undefined) node.name = options.name;
    if (options.shares !== undefined) node.shares = options.shares;
    if (options.functional) node.functional = true;
    this.nodes.push(node);
    const sources: readonly Source[] =
      from === undefined ? [] : typeof from === 'string' || !Array.isArray(from) ? [from as Source] : from;
    for (const s of sources) {
      if (typeof s === 'string') this.connect(s, id);
      else this.connect(s.id, id, s.port);
    }
    return id;
  }

  /** Adds an edge from output `sourcePort` of `source` into the next free input port of `target`. */
  connect(source: string, target: string, sourcePort = 0): void {
    const port = this.ports.get(target) ?? 0;
    this.ports.set(target, port + 1);
    const edge: GraphEdge = { id: `e${this.edges.length + 1}`, source, target };
    if (port > 0) edge.targetPort = port;
    if (sourcePort > 0) edge.sourcePort = sourcePort;
    this.edges.push(edge);
  }

  /** Applies `layer` to each [type, params, options] in turn, chaining from `from`; returns the last id. */
  chain(from: string, steps: readonly [string, Record<string, unknown>, LayerOptions?][]): string {
    let last = from;
    for (const [type, params, options] of steps) last = this.layer(type, params, last, options);
    return last;
  }

  /** The project's training settings (app/training/settings.ts) and dataset (app/data SourceSpec). */
  settings(training: Record<string, unknown>, dataset: Record<string, unknown>): void {
    this.training = { ...training };
    this.dataset = { ...dataset };
  }

  build(): Graph {
    const graph: Graph = {
      format: 'netloom',
      version: 1,
      name: this.name,
      nodes: this.nodes.map((n) => ({ ...n })),
      edges: this.edges.map((e) => ({ ...e })),
      modules: this.modules.map((m) => ({ ...m })),
    };
    if (this.description !== undefined) graph.description = this.description;
    if (this.training) graph.training = { ...this.training };
    if (this.dataset) graph.dataset = { ...this.dataset };
    const positions = layoutTopDown(graph);
    for (const node of graph.nodes) node.position = positions.get(node.id) ?? { x: 0, y: 0 };
    return graph;
  }
}
