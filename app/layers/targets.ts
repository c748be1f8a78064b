/**
 * The targets of every layer kind (TensorFlow.js build, PyTorch code, ONNX export, ONNX and Keras
 * import), in the registry's order. Each kind's `targets.ts` is re-exported by targets-index.ts,
 * which `npm run layers:gen` generates from registry.ts (the one list of kinds). The compilers' and
 * importers' tables are derived from TARGETS; the renderer never loads it (eslint.config.js). The
 * type checker and app/layers/coverage.test.ts fail when a kind's folder lacks a target.
 */
import type { LayerTargets } from './kind';
import { LAYERS } from './registry';
import * as INDEX from './targets-index';

const byType = new Map<string, LayerTargets>(Object.values(INDEX).map((t: LayerTargets) => [t.type, t]));

export const TARGETS: readonly LayerTargets[] = LAYERS.flatMap((s) => byType.get(s.type) ?? []);

/** The targets of a layer kind, by its PyTorch type name. */
export function getTargets(type: string): LayerTargets | undefined {
  return byType.get(type);
}
