/**
 * The Graph document (project file format v1). Immutable: edits return a new Graph.
 * Shapes are per sample, PyTorch order ([C, H, W] or [F]); the batch dimension is implied.
 */

export type Shape = number[];

export interface Position {
  x: number;
  y: number;
}

export interface GraphNode {
  id: string;
  /** PyTorch class name (`Conv2d`), or `Input`, `Add`, `Concat`. Persisted, never renamed. */
  type: string;
  /** PyTorch constructor arguments by their PyTorch names. `Input` holds `{ shape: [1, 28, 28] }`. */
  params: Record<string, unknown>;
  position: Position;
  /** The module (container) this node belongs to; absent = the root module. */
  parent?: string;
  /**
   * Attribute name inside its module (`conv1`). Inside a `Sequential` the default is the index;
   * a Sequential built from an OrderedDict may name its children (`norm`, `conv`).
   */
  name?: string;
  /**
   * This node calls the same module as node `shares` a second time (torchvision's BasicBlock
   * applies `self.relu` twice). It is not registered again, and its parameters are counted once.
   */
  shares?: string;
  /**
   * A call in `forward` that is not a registered sub-module (`F.relu`, `torch.flatten`).
   * Only for kinds without parameters or buffers. Add and Concat are always functional.
   */
  functional?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Input port of the target, 0-based. Order matters for Concat. Default 0. */
  targetPort?: number;
  /** Output of the source, 0-based, for kinds with several outputs (Split, Chunk). Default 0. */
  sourcePort?: number;
}

export type ModuleKind = 'Sequential' | 'Module';

export interface ModuleDef {
  id: string;
  /** Attribute name inside its parent module (`features`, `layer1`, `0`). */
  name: string;
  kind: ModuleKind;
  /** Class name shown by print(model) and used by exported code (`BasicBlock`); default `Sequential` or derived from name. */
  className?: string;
  parent?: string;
  /** UI state: shown as one node on the canvas. */
  collapsed?: boolean;
}

export interface RunRef {
  id: string;
  /** Folder of the run, relative to the project file's folder. */
  dir: string;
  createdAt: string;
  status?: 'running' | 'completed' | 'stopped' | 'failed';
  summary?: Record<string, number | string | null>;
}

export interface Graph {
  format: 'netloom';
  version: 1;
  /** Class name of the root module (`LeNet5`, `ResNet`). Default `Net`. */
  name: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  modules: ModuleDef[];
  /** Training settings, edited by the training panel (see app/training/settings.ts). */
  training?: Record<string, unknown>;
  /** Dataset settings (see app/data/settings.ts). */
  dataset?: Record<string, unknown>;
  runs?: RunRef[];
  /** The network doctor's per-project state: lint rules silenced by id (see app/doctor). */
  doctor?: DoctorState;
}

export interface DoctorState {
  silenced?: string[];
}
