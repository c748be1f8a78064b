/** Node params with the registry's PyTorch defaults filled in (the compiler's default parseParams). */
import type { GraphNode } from '../../graph/types';
import { getLayer } from '../../layers/registry';
import { err, ok, type Result } from '../../result';

export function registryParams(node: GraphNode): Result<Record<string, unknown>> {
  const spec = getLayer(node.type);
  if (!spec) return err(`unknown layer type '${node.type}'`);
  const r = spec.schema.safeParse(node.params);
  if (!r.success) {
    const issue = r.error.issues[0];
    return err(`${issue?.path.join('.') || 'params'}: ${issue?.message ?? 'invalid'}`);
  }
  return ok(r.data);
}
