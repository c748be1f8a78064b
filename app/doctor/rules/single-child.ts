/** A container with one child: a level of nesting (and a `.0` in every parameter name) for nothing. */
import type { LintRule } from '../types';

export const rule: LintRule = {
  id: 'single-child-container',
  severity: 'info',
  title: 'A container with one child',
  test(ctx) {
    const count = new Map<string, number>();
    const only = new Map<string, string>();
    for (const n of ctx.graph.nodes) {
      if (n.parent === undefined) continue;
      count.set(n.parent, (count.get(n.parent) ?? 0) + 1);
      only.set(n.parent, n.id);
    }
    for (const m of ctx.graph.modules) if (m.parent !== undefined) count.set(m.parent, (count.get(m.parent) ?? 0) + 1);
    return ctx.graph.modules
      .filter((m) => count.get(m.id) === 1)
      .map((m) => {
        const node = only.get(m.id);
        return {
          message: `${m.kind} ${m.name} holds a single child, so it only adds a level to the module tree and to every parameter name (${m.name}.0.weight); ungroup it unless its class matters to your code.`,
          nodeIds: node ? [node] : [],
          moduleIds: [m.id],
          fixes: [{ kind: 'ungroup' as const, moduleId: m.id, label: `ungroup ${m.name}` }],
        };
      });
  },
};
