import type { z } from 'zod';
import { ok } from '../result';
import type { LayerCategory, LayerHelp, LayerSpec } from './spec';
import { oneInput } from './util';

/** A parameter-free module that keeps the shape of its one input (activations, Identity). */
export function elementwise<P extends Record<string, unknown>>(def: {
  type: string;
  category?: LayerCategory;
  description: string;
  schema: z.ZodType<P>;
  /** The text inside the parentheses of print(model). */
  extraRepr: (p: P) => string;
  summary?: (p: P) => string;
  help: LayerHelp;
}): LayerSpec<P> {
  return {
    type: def.type,
    category: def.category ?? 'activation',
    description: def.description,
    inputs: { min: 1, max: 1 },
    schema: def.schema,
    inferShape(inputs) {
      const x = oneInput(inputs, [0, 1, 2, 3, 4, 5, 6], 'a tensor');
      return x.ok ? ok(x.value.slice()) : x;
    },
    parameters: () => [],
    buffers: () => [],
    macs: () => 0,
    repr: (_inputs, p) => `${def.type}(${def.extraRepr(p)})`,
    summary: def.summary ?? (() => ''),
    isModule: true,
    help: def.help,
  };
}
