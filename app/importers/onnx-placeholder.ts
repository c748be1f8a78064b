/**
 * `netloom import --partial`: an ONNX node the importer cannot map becomes an `Unsupported`
 * placeholder (app/layers/unsupported/spec.ts) whose per-sample output shape is the one the file
 * records for the node's output (the graph's value_info, or its outputs when the node produces one).
 */
import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import type { OnnxModelIn, OnnxValueInfoIn } from './onnx-types';

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
): Result<{ op: string; onnx_node: string; output_shape: Shape; closest: string[] }> {
  const used = outputs.filter((o) => o !== '');
  if (used.length !== 1)
    return err(
      `--partial stands in only for nodes with one output, and ${op} has ${used.length}: replace the operator in the model before exporting it`,
    );
  const shape = recordedShape(model, used[0]);
  if (!shape)
    return err(
      `the file records no fixed shape for its output '${used[0]}', so --partial cannot stand in for ${op}: export the model with shape inference (torch.onnx.export does by default) or run onnx.shape_inference.infer_shapes on it`,
    );
  return ok({ op, onnx_node: nodeName, output_shape: shape, closest });
}
