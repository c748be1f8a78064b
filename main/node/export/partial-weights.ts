/**
 * The weights of an `import --partial` (docs/FORMAT.md, "A partial import's run"). Its graph holds
 * `Unsupported` placeholders, so it does not compile and cannot write a checkpoint the usual way
 * (compile, set the state dict, save the model). Each layer with weights is compiled alone instead
 * (an Input of its input shapes, then the layer under its own node id), so its tensors get exactly
 * the names (`n_<nodeId>/kernel`) and the TensorFlow.js layout a compile of the whole graph gives
 * them; they are saved as one ordinary checkpoint (`best/`), with each tensor's state_dict key in
 * the metadata. The placeholders have no parameters, so nothing is missing from it. Once the
 * placeholders are replaced, `loadMatchingCheckpoint` (runs/checkpoint.ts) loads it into the
 * project's graph by node and shape, or by state_dict key and shape, and says what it did not match.
 */
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { torchNamer } from '../../../app/compiler/tfjs/names';
import { bindingVariable, defaultNamer, setStateDict, type StateEntry } from '../../../app/compiler/tfjs/statedict';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import type { Graph, GraphEdge, GraphNode, Shape } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { fsSaveHandler } from '../runs/io-handler';

export interface PartialCheckpoint {
  /** Tensors written (parameters and buffers, without BatchNorm's counters). */
  tensors: number;
}

/** Writes `weights` (`${nodeId}.${param}`, PyTorch layout) of `graph` as a checkpoint in `dir`. */
export async function savePartialCheckpoint(
  tf: Tf,
  graph: Graph,
  weights: StateEntry[],
  dir: string,
  meta: Record<string, unknown>,
): Promise<Result<PartialCheckpoint>> {
  const a = analyzeGraph(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const names = torchNamer(graph);
  const byNode = new Map<string, StateEntry[]>();
  for (const w of weights) {
    const id = w.name.slice(0, w.name.lastIndexOf('.'));
    byNode.set(id, [...(byNode.get(id) ?? []), w]);
  }
  const named: { name: string; tensor: ReturnType<Tf['tensor']> }[] = [];
  const stateDict: Record<string, string> = {};
  const counters: Record<string, number> = {};
  try {
    for (const [id, entries] of byNode) {
      const node = byId.get(id);
      const inputs = a.nodes.get(id)?.inputs ?? [];
      if (!node || inputs.length === 0 || inputs.some((s) => s === null))
        return err(`the imported weights of ${id} belong to no layer whose input shapes are known`);
      const c = compileGraph(tf, alone(graph, node, inputs as Shape[]), { initialize: false, fuseRelu: false });
      if (!c.ok) return err(`layer ${id} does not compile on its own: ${c.error}`);
      try {
        const set = setStateDict(tf, c.value, entries, defaultNamer);
        if (!set.ok) return err(`the imported weights do not fit layer ${id}: ${set.error}`);
        for (const n of c.value.nodes)
          for (const b of n.bindings) {
            if (b.kind === 'counter') {
              counters[n.nodeId] = (b.layer as unknown as { numBatchesTracked: number }).numBatchesTracked;
              continue;
            }
            const v = bindingVariable(b);
            named.push({ name: v.originalName, tensor: tf.clone(v.read()) });
            stateDict[v.originalName] = names(n.nodeId, b.name);
          }
      } finally {
        c.value.model.dispose();
      }
    }
    const { data, specs } = await tf.io.encodeWeights(named);
    const handler = fsSaveHandler(dir, { ...meta, num_batches_tracked: counters, state_dict: stateDict });
    await handler.save?.({
      modelTopology: undefined,
      weightSpecs: specs,
      weightData: data,
    });
    return ok({ tensors: named.length });
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
}

/** `node` alone behind an Input per input (ids `__in0`, ...), under its own id and params. */
function alone(graph: Graph, node: GraphNode, inputs: Shape[]): Graph {
  const ins: GraphNode[] = inputs.map((shape, k) => ({
    id: `__in${k}`,
    type: 'Input',
    params: { shape },
    position: { x: 0, y: 0 },
  }));
  const edges: GraphEdge[] = inputs.map((_, k) => ({
    id: `__e${k}`,
    source: `__in${k}`,
    target: node.id,
    ...(k > 0 ? { targetPort: k } : {}),
  }));
  const own: GraphNode = { id: node.id, type: node.type, params: node.params, position: node.position };
  return { format: 'netloom', version: 1, name: graph.name, nodes: [...ins, own], edges, modules: [] };
}
