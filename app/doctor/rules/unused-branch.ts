/** A branch whose output is never used: training needs exactly one output, and the branch costs time. */
import { typeOf, who } from '../context';
import type { LintContext, LintRule } from '../types';

function ancestors(ctx: LintContext, id: string): Set<string> {
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop() as string;
    for (const e of ctx.inEdges.get(cur) ?? []) {
      if (seen.has(e.source)) continue;
      seen.add(e.source);
      stack.push(e.source);
    }
  }
  return seen;
}

export const rule: LintRule = {
  id: 'unused-branch',
  severity: 'error',
  title: 'A branch whose output is never used',
  test(ctx) {
    if (ctx.sinks.length < 2) return [];
    // The head: the output with the most layers behind it (ties: the later one).
    const lineage = ctx.sinks.map((id) => ({ id, up: ancestors(ctx, id) }));
    const main = lineage.reduce((a, b) => (b.up.size >= a.up.size ? b : a));
    return lineage
      .filter((s) => s !== main)
      .map((s) => {
        const branch = [...s.up].filter((id) => !main.up.has(id) && typeOf(ctx, id) !== 'Input');
        return {
          message: `${who(ctx, s.id)} is an output nobody uses (the network's output is ${who(ctx, main.id)}): training needs exactly one output, so connect the branch into the network or remove it.`,
          nodeIds: branch,
          fixes: [
            {
              kind: 'removeNodes' as const,
              nodeIds: branch,
              label: `remove the unused branch (${branch.length} layer${branch.length === 1 ? '' : 's'})`,
            },
          ],
        };
      });
  },
};
