/**
 * A state dict (read from a .safetensors file) onto an imported graph: each tensor named as
 * PyTorch's state_dict() names it (`layer1.0.conv1.weight`) goes to its node's parameter or buffer
 * (`${nodeId}.weight`, the names writeImported stores). Every name and shape must match, both ways.
 */
import type { NamedArray } from '../../compiler/pytorch/safetensors';
import type { Graph } from '../../graph/types';
import { buildModuleTree, modules } from '../../modules';
import { err, ok, type Result } from '../../result';
import { analyzeGraph } from '../../shapes/analyze';
import type { ImportedWeights } from '../onnx';

export function weightsForGraph(
  graph: Graph,
  tensors: readonly NamedArray[],
  fileName: string,
): Result<ImportedWeights[]> {
  const tree = buildModuleTree(graph, analyzeGraph(graph));
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const out: ImportedWeights[] = [];
  const used = new Set<string>();
  for (const m of modules(tree)) {
    if (m.nodeId === undefined) continue;
    for (const p of [...m.parameters, ...m.buffers]) {
      const name = m.path ? `${m.path}.${p.name}` : p.name;
      const t = byName.get(name);
      if (!t)
        return err(
          `${fileName} has no ${name} (the network needs it, shape [${p.shape.join(', ')}]): is it the state dict of this model?`,
        );
      if (t.shape.join(',') !== p.shape.join(','))
        return err(`${fileName}: ${name} has shape [${t.shape.join(', ')}], the network needs [${p.shape.join(', ')}]`);
      used.add(name);
      out.push({ name: `${m.nodeId}.${p.name}`, shape: [...p.shape], values: Float32Array.from(t.values) });
    }
  }
  const extra = tensors.find((t) => !used.has(t.name));
  if (extra)
    return err(
      `${fileName} has ${extra.name}, which the network has no place for: is it the state dict of this model?`,
    );
  return ok(out);
}
