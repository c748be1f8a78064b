/** Add or Concat whose inputs are the same tensor, directly or through Identity only. */
import { producer, typeOf, who } from '../context';
import type { LintContext, LintRule } from '../types';
import { nodesOfType } from './util';

/** Walks back through Identity nodes to the tensor they pass on. */
function rootOf(ctx: LintContext, id: string): string {
  let cur = id;
  for (let i = 0; i < 1000 && typeOf(ctx, cur) === 'Identity'; i++) {
    const p = producer(ctx, cur);
    if (p === null) break;
    cur = p;
  }
  return cur;
}

export const rule: LintRule = {
  id: 'identity-merge',
  severity: 'warning',
  title: 'A merge whose inputs differ only by an Identity',
  test(ctx) {
    return nodesOfType(ctx, (t) => t === 'Add' || t === 'Concat').flatMap((id) => {
      const ins = (ctx.inEdges.get(id) ?? []).map((e) => e.source);
      const roots = ins.map((s) => rootOf(ctx, s));
      const dup = roots.findIndex((r, i) => roots.indexOf(r) !== i);
      if (dup < 0) return [];
      const first = roots.indexOf(roots[dup]);
      const what =
        typeOf(ctx, id) === 'Add'
          ? `adds ${who(ctx, roots[dup])} to itself (2·x)`
          : `concatenates ${who(ctx, roots[dup])} with itself`;
      return [
        {
          message: `${who(ctx, id)} ${what}: its inputs differ only by an Identity, so the branch learns nothing; put the block's layers on one side of the merge.`,
          nodeIds: [id, ins[first], ins[dup]].filter((v, i, a) => a.indexOf(v) === i),
          fixes: [],
        },
      ];
    });
  },
};
