/** Receptive field of the last convolution against the input size: can the network see a whole object? */
import { typeOf, who } from '../context';
import type { LintRule } from '../types';
import { windowOf } from './spatial';

export const rule: LintRule = {
  id: 'receptive-field',
  severity: 'info',
  title: 'The last convolution sees a small part of the input',
  test(ctx) {
    // Receptive field r and jump j (input pixels between neighbouring outputs), per node.
    const rf = new Map<string, { r: number; j: number }>();
    let lastConv: string | null = null;
    let inputSize = 0;
    for (const id of ctx.analysis.order) {
      const t = typeOf(ctx, id);
      if (t === 'Input') {
        const s = ctx.analysis.nodes.get(id)?.shape;
        if (s && s.length === 3) inputSize = Math.max(inputSize, Math.min(s[1], s[2]));
        rf.set(id, { r: 1, j: 1 });
        continue;
      }
      const ins = (ctx.inEdges.get(id) ?? []).map((e) => rf.get(e.source)).filter((v) => v !== undefined);
      if (ins.length === 0) continue;
      let r = Math.max(...ins.map((v) => v.r));
      let j = Math.max(...ins.map((v) => v.j));
      const w = windowOf(ctx, id);
      if (w) {
        r += (w.kernel - 1) * w.dilation * j;
        j *= w.stride;
      }
      if (t === 'Conv2d') lastConv = id;
      if (t === 'Flatten' || t === 'AdaptiveAvgPool2d' || t === 'Linear') continue; // beyond: no spatial map
      rf.set(id, { r, j });
    }
    if (lastConv === null || inputSize === 0) return [];
    const r = rf.get(lastConv)?.r ?? 0;
    if (r * 2 >= inputSize) return [];
    return [
      {
        message: `${who(ctx, lastConv)}, the last convolution, sees ${r}x${r} pixels of a ${inputSize}x${inputSize} input (its receptive field), less than half: features cannot span an object; add a convolution or a pooling layer, or use a larger kernel.`,
        nodeIds: [lastConv],
        fixes: [],
      },
    ];
  },
};
