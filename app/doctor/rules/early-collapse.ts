/** The spatial size reaches 1x1 long before the head: the layers after it see a single pixel. */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { windowOf } from './spatial';

/** Convolutions or pools on a 1x1 map before the rule speaks. */
const WASTED = 2;

export const rule: LintRule = {
  id: 'early-collapse',
  severity: 'warning',
  title: 'The feature map reaches 1x1 long before the head',
  test(ctx) {
    let reached: string | null = null;
    const wasted: string[] = [];
    for (const id of ctx.analysis.order) {
      const a = ctx.analysis.nodes.get(id);
      const s = a?.shape;
      if (!s || s.length !== 3) continue;
      const input = a.inputs[0];
      const onPixel = input && input.length === 3 && input[1] === 1 && input[2] === 1;
      if (onPixel && windowOf(ctx, id)) wasted.push(id);
      if (reached === null && s[1] === 1 && s[2] === 1 && typeOf(ctx, id) !== 'AdaptiveAvgPool2d') reached = id;
    }
    if (reached === null || wasted.length < WASTED) return [];
    return [
      {
        message: `The feature map is 1x1 after ${who(ctx, reached)}, and ${wasted.length} more convolutions or pools work on that single pixel (${wasted.map((id) => who(ctx, id)).join(', ')}): downsample less (a smaller stride, fewer pools) or use a larger input.`,
        nodeIds: [reached, ...wasted],
        fixes: [],
      },
    ];
  },
};
