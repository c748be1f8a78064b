/**
 * The network doctor's vocabulary: lint rules over the analyzed graph and the training settings,
 * the findings they produce, and the fixes a finding offers (applied by ./fix.ts).
 */
import type { DatasetSettings } from '../data/settings';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import type { Fix } from '../shapes/types';
import type { GraphAnalysis } from '../shapes/types';
import type { TrainingSettings } from '../training/settings';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A one-click fix of the doctor: a shape-analysis fix (insert a layer, set a parameter), or one
 * of the doctor's own edits. Each carries the label its button shows.
 */
export type DoctorFix =
  | Fix
  /** Remove a one-input node and connect its input to everything it fed. */
  | { kind: 'bypass'; nodeId: string; label: string }
  /** Remove nodes with their edges (an unused branch). */
  | { kind: 'removeNodes'; nodeIds: string[]; label: string }
  /** Dissolve a container: its children move to its parent. */
  | { kind: 'ungroup'; moduleId: string; label: string }
  /** Merge into the project's `training` settings. */
  | { kind: 'setTraining'; patch: Record<string, unknown>; label: string }
  /** Merge into the project's `dataset` settings. */
  | { kind: 'setDataset'; patch: Record<string, unknown>; label: string }
  /** Insert a one-input layer right after a node (on every edge leaving it). */
  | { kind: 'insertAfter'; nodeId: string; layerType: string; params?: Record<string, unknown>; label: string }
  /** Several fixes applied in order, as one step (the same fix on every node a finding names). */
  | { kind: 'several'; fixes: DoctorFix[]; label: string };

export interface Finding {
  rule: string;
  severity: Severity;
  /** One sentence: what is wrong and why it matters. */
  message: string;
  /** Nodes the finding concerns (highlighted on the canvas). */
  nodeIds: string[];
  /** Containers it concerns (a container with one child). */
  moduleIds?: string[];
  /** Fixes, the first one the default. Remedies with a choice list several. */
  fixes: DoctorFix[];
}

/** What a rule sees: the graph, its analysis, parsed settings and precomputed adjacency. */
export interface LintContext {
  graph: Graph;
  analysis: GraphAnalysis;
  training: TrainingSettings;
  dataset: DatasetSettings;
  byId: ReadonlyMap<string, GraphNode>;
  /** Edges into each node, in port order (missing ports absent). */
  inEdges: ReadonlyMap<string, readonly GraphEdge[]>;
  /** Edges out of each node. */
  outEdges: ReadonlyMap<string, readonly GraphEdge[]>;
  /** The node the loss is applied to (the one output), or null when there is none or several. */
  head: string | null;
  /** Non-Input nodes without consumers (the graph's outputs). */
  sinks: readonly string[];
  /** Training samples per epoch, where the dataset settings tell (null otherwise). */
  trainSamples: number | null;
  /** Memory budget for one training step, in bytes. */
  memoryBudget: number;
}

/** One rule of the doctor: data, one file each under ./rules. */
export interface LintRule {
  id: string;
  severity: Severity;
  /** A short title for the rule list and the silence menu. */
  title: string;
  /** The findings on this graph; the rule attaches its fixes to each. */
  test(ctx: LintContext): Omit<Finding, 'rule' | 'severity'>[];
}
