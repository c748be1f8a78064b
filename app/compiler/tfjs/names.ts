/** PyTorch state_dict names (`features.0.weight`) for the compiled model's tensors, from the module tree. */
import type { Graph } from '../../graph/types';
import { buildModuleTree } from '../../modules';
import type { Namer } from './statedict';

export function torchNamer(graph: Graph): Namer {
  const tree = buildModuleTree(graph);
  return (nodeId, param) => {
    const path = tree.byNode.get(nodeId)?.path;
    return path ? `${path}.${param}` : `${nodeId}.${param}`;
  };
}
