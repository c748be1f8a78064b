/**
 * Whether a symbolic tensor is (a transform of) the model's inputs with no weight upstream:
 * then no gradient needs to flow into it, and a layer reading it can skip its input gradient.
 */
import type { Layer, SymbolicTensor } from './tf';

interface NodeLike {
  inputTensors: SymbolicTensor[];
}

export function dataOnly(x: SymbolicTensor): boolean {
  const seen = new Set<SymbolicTensor>();
  const stack = [x];
  while (stack.length > 0) {
    const t = stack.pop() as SymbolicTensor;
    if (seen.has(t)) continue;
    seen.add(t);
    const layer = t.sourceLayer as Layer | undefined;
    if (!layer) continue;
    if (layer.weights.length > 0) return false;
    const node = (layer as unknown as { inboundNodes: NodeLike[] }).inboundNodes[t.nodeIndex];
    if (!node) return false;
    for (const i of node.inputTensors) if (i !== t) stack.push(i);
  }
  return true;
}
