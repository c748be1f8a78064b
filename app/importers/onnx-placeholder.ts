/**
 * `netloom import --partial`: an ONNX node the importer cannot map becomes an `Unsupported`
 * placeholder (app/layers/unsupported/spec.ts) whose per-sample output shape is the one the file
 * records for the node's output (the graph's value_info, or its outputs when the node produces one).
 * torch.onnx.export writes no value_info for intermediate values, so for an operator that ONNX
 * defines as element-wise on one input (Erf, Hardmax, Selu, ...) the shape is its input's.
 */
import type { Shape } from '../graph/types';
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
