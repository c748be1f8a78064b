/** Builds the LintContext the rules read: adjacency, the head, parsed settings, the training-set size. */
import { datasetSettingsSchema, type DatasetSettings } from '../data/settings';
import { SYNTHETIC_DEFAULTS } from '../data/synthetic';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { buildModuleTree, type ModuleTree } from '../modules/tree';
import { analyzeGraph } from '../shapes/analyze';
import type { GraphAnalysis } from '../shapes/types';
import { trainingSettingsSchema, type TrainingSettings } from '../training/settings';
import type { LintContext } from './types';

/** 2 GiB: what a laptop's GPU or a browser tab can give one training step without trouble. */
export const DEFAULT_MEMORY_BUDGET = 2 * 2 ** 30;

/** Training samples of the built-in sources (before the validation split). */
const SOURCE_TRAIN: Record<string, number> = { mnist: 60000, 'fashion-mnist': 60000, cifar10: 50000 };

/** Settings as the run would use them: the project's values where valid, PyTorch's defaults otherwise. */
export function settingsOf(graph: Graph): { training: TrainingSettings; dataset: DatasetSettings } {
  const t = trainingSettingsSchema.safeParse(graph.training ?? {});
  const d = datasetSettingsSchema.safeParse(graph.dataset ?? {});
  return {
    training: t.success ? t.data : trainingSettingsSchema.parse({}),
    dataset: d.success ? d.data : datasetSettingsSchema.parse({}),
  };
}

/** Samples trained on per epoch (per fold with K-fold), or null where the source's size is unknown here. */
export function trainSampleCount(training: TrainingSettings, dataset: DatasetSettings): number | null {
  let n: number | undefined =
    dataset.name === 'synthetic' ? (dataset.trainSize ?? SYNTHETIC_DEFAULTS.trainSize) : SOURCE_TRAIN[dataset.name];
  if (n === undefined) return null;
  if (dataset.limit !== null) n = Math.min(n, dataset.limit);
  const kept = training.kfold ? (training.kfold - 1) / training.kfold : 1 - training.val_split;
  return Math.max(1, Math.floor(n * kept));
}

function group(edges: readonly GraphEdge[], key: 'source' | 'target'): Map<string, GraphEdge[]> {
  const m = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const list = m.get(e[key]);
    if (list) list.push(e);
    else m.set(e[key], [e]);
  }
  if (key === 'target') for (const list of m.values()) list.sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0));
  return m;
}

export interface ContextOptions {
  analysis?: GraphAnalysis;
  memoryBudget?: number;
}

export function lintContext(graph: Graph, options: ContextOptions = {}): LintContext {
  const analysis = options.analysis ?? analyzeGraph(graph);
  const byId = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const inEdges = group(graph.edges, 'target');
  const outEdges = group(graph.edges, 'source');
  const sinks = analysis.order.filter((id) => byId.get(id)?.type !== 'Input' && !outEdges.has(id));
  const { training, dataset } = settingsOf(graph);
  return {
    graph,
    analysis,
    training,
    dataset,
    byId,
    inEdges,
    outEdges,
    head: sinks.length === 1 ? sinks[0] : null,
    sinks,
    trainSamples: trainSampleCount(training, dataset),
    memoryBudget: options.memoryBudget ?? DEFAULT_MEMORY_BUDGET,
  };
}

// The module tree, built on the first message that names a node (most rules on most graphs name none).
const trees = new WeakMap<LintContext, ModuleTree>();

/** The node's module path as PyTorch names it (`classifier.0`), or its id where it has none (`F.relu`). */
export function modulePath(ctx: LintContext, id: string): string {
  let tree = trees.get(ctx);
  if (!tree) trees.set(ctx, (tree = buildModuleTree(ctx.graph, ctx.analysis)));
  return tree.byNode.get(id)?.path || id;
}

/** The node's type as it runs (a `shares` node runs its owner's module). */
export function typeOf(ctx: LintContext, id: string): string {
  return ctx.analysis.nodes.get(id)?.type ?? ctx.byId.get(id)?.type ?? '';
}

/** The ids of the nodes fed by `id`. */
export function consumers(ctx: LintContext, id: string): string[] {
  return (ctx.outEdges.get(id) ?? []).map((e) => e.target);
}

/** The single node feeding `id`, or null for none or several inputs. */
export function producer(ctx: LintContext, id: string): string | null {
  const ins = ctx.inEdges.get(id) ?? [];
  return ins.length === 1 ? ins[0].source : null;
}

/** A readable name for messages: the type and module path (`Linear classifier.0`). */
export function who(ctx: LintContext, id: string): string {
  return ctx.byId.has(id) ? `${typeOf(ctx, id)} ${modulePath(ctx, id)}` : id;
}

/** A node's parameters merged with its layer's defaults as written (`bias` absent = true). */
export function param(ctx: LintContext, id: string, key: string): unknown {
  const n = ctx.byId.get(id);
  if (!n) return undefined;
  const owner = n.shares !== undefined ? ctx.byId.get(n.shares) : n;
  return owner?.params[key];
}
