/**
 * `netloom import --partial`: an ONNX node the importer cannot map becomes an `Unsupported`
 * placeholder (app/layers/unsupported/spec.ts) whose per-sample output shape is the one the file
 * records for the node's output (the graph's value_info, or its outputs when the node produces one).
 * torch.onnx.export writes no value_info for intermediate values, so for an operator that ONNX
 * defines as element-wise on one input (Erf, Hardmax, Selu, ...) the shape is its input's.
 */
import { attributeNameProblem } from '../graph/names';
import type { Graph, Shape } from '../graph/types';
import { buildModuleTree } from '../modules/tree';
import { UNSUPPORTED_TYPE } from '../layers/unsupported/spec';
import { err, ok, type Result } from '../result';
import type { OnnxModelIn, OnnxValueInfoIn } from './onnx-types';

/** ONNX operators whose output has the shape of their one data input (by the ONNX operator spec). */
const SAME_SHAPE = new Set([
  'Abs',
  'Acos',
  'Acosh',
  'Asin',
  'Asinh',
  'Atan',
  'Atanh',
  'Ceil',
  'Celu',
  'Cos',
  'Cosh',
  'Erf',
  'Exp',
  'Floor',
  'Hardmax',
  'IsInf',
  'IsNaN',
  'Log',
  'Neg',
  'Not',
  'Reciprocal',
  'Round',
  'Selu',
  'Shrink',
  'Sign',
  'Sin',
  'Sinh',
  'Softsign',
  'Sqrt',
  'Tan',
  'ThresholdedRelu',
  'LpNormalization',
  'MeanVarianceNormalization',
]);

/** The per-sample shape the file records for value `name` (batch dim dropped), or undefined. */
export function recordedShape(model: OnnxModelIn, name: string): Shape | undefined {
  const g = model.graph;
  const info: OnnxValueInfoIn | undefined = [...(g?.valueInfo ?? []), ...(g?.output ?? [])].find(
    (v) => v.name === name,
  );
  const dims = info?.type?.tensorType?.shape?.dim;
  if (!dims || dims.length < 2) return undefined;
  const shape = dims.slice(1).map((d) => Number(d.dimValue ?? 0));
  return shape.every((d) => Number.isInteger(d) && d > 0) ? shape : undefined;
}

/** The placeholder's params for node `nodeName` (operator `op`, output `out`), or why it cannot stand in. */
export function placeholderParams(
  model: OnnxModelIn,
  op: string,
  nodeName: string,
  outputs: readonly string[],
  closest: string[],
  /** The shapes of the node's data inputs. */
  inputs: readonly Shape[],
): Result<{ op: string; onnx_node: string; output_shape: Shape; closest: string[] }> {
  const used = outputs.filter((o) => o !== '');
  if (used.length !== 1)
    return err(
      `--partial stands in only for nodes with one output, and ${op} has ${used.length}: replace the operator in the model before exporting it`,
    );
  const shape =
    recordedShape(model, used[0]) ??
    (SAME_SHAPE.has(op) && inputs.length === 1 && inputs[0].length > 0 ? inputs[0].slice() : undefined);
  if (!shape)
    return err(
      `the file records no fixed shape for its output '${used[0]}', so --partial cannot stand in for ${op}: add the shapes to the file with onnx.save(onnx.shape_inference.infer_shapes(onnx.load(path)), path) and import it again`,
    );
  return ok({ op, onnx_node: nodeName, output_shape: shape, closest });
}

/**
 * Each placeholder gets a module of its own, named as a person reads it: a functional call (torch.onnx's
 * `/layer1/Erf_1`, torch.erf inside layer1's forward) is named from its ONNX node, `erf_1` inside
 * `layer1` (the scope gave the container), so the error says `Unsupported layer1.erf_1`; a module
 * whose forward is the operator (`self.act = Swish()`) keeps its attribute name, and inside a
 * Sequential it keeps its index. A name another child already has gets `_2`, `_3`; one that is no
 * attribute name (`123`, `class`) an `op_` prefix.
 */
export function namePlaceholders(graph: Graph): Graph {
  const kindOf = new Map(graph.modules.map((m) => [m.id, m.kind]));
  const tree = buildModuleTree(graph);
  const taken = new Map<string, Set<string>>();
  const siblings = (parent: string | undefined) => {
    const key = parent ?? '';
    let set = taken.get(key);
    if (!set) {
      set = new Set<string>();
      for (const n of graph.nodes)
        if ((n.parent ?? '') === key && n.type !== UNSUPPORTED_TYPE) {
          const name = n.name ?? tree.byNode.get(n.id)?.name;
          if (name) set.add(name);
        }
      for (const m of graph.modules) if ((m.parent ?? '') === key) set.add(m.name);
      taken.set(key, set);
    }
    return set;
  };
  const nodes = graph.nodes.map((n) => {
    if (n.type !== UNSUPPORTED_TYPE) return n;
    const out = { ...n };
    delete out.functional;
    const kind = n.parent ? (kindOf.get(n.parent) ?? 'Module') : 'Module';
    // A module of its own already (`self.act = Swish()` whose forward is the operator): its attribute name stays.
    if (kind === 'Sequential' || (n.name !== undefined && !n.functional)) return out;
    delete out.name;
    const onnxName = String(n.params.onnx_node ?? '');
    const last = onnxName.slice(onnxName.lastIndexOf('/') + 1);
    let base = last
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toLowerCase();
    if (!base || /^#?\d+$/.test(last)) base = String(n.params.op ?? 'op').toLowerCase();
    if (attributeNameProblem(base, 'Module')) base = `op_${base}`;
    const used = siblings(n.parent);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.name = name;
    return out;
  });
  return { ...graph, nodes };
}
