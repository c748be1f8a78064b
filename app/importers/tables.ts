/**
 * The importers' dispatch tables, derived from the kinds' import entries (app/layers/<kind>/
 * onnx-import.ts and keras-import.ts, joined in each kind's targets.ts): ONNX operator -> entry and
 * Keras layer class -> entry, in the registry's order. An operator or class claimed by two kinds
 * fails app/importers/tables.test.ts.
 */
import { TARGETS } from '../layers/targets';
import type { KerasImport, OnnxImport } from './kind-import';

function table<E>(entries: (E | undefined)[], keys: (e: E) => readonly string[]): Map<string, E> {
  const m = new Map<string, E>();
  for (const e of entries) if (e) for (const k of keys(e)) if (!m.has(k)) m.set(k, e);
  return m;
}

/** ONNX operator type -> the kind's entry that reads it. */
export const ONNX_IMPORTS: ReadonlyMap<string, OnnxImport> = table(
  TARGETS.map((t) => t.onnxImport),
  (e) => e.ops,
);

/** Keras layer class -> the kind's entry that reads it. */
export const KERAS_IMPORTS: ReadonlyMap<string, KerasImport> = table(
  TARGETS.map((t) => t.kerasImport),
  (e) => e.classes,
);

/** Every claim of an operator or class, by kind, for the test that each is claimed once. */
export function importClaims(): { onnx: [string, string][]; keras: [string, string][] } {
  return {
    onnx: TARGETS.flatMap((t) => (t.onnxImport?.ops ?? []).map((op): [string, string] => [op, t.type])),
    keras: TARGETS.flatMap((t) => (t.kerasImport?.classes ?? []).map((c): [string, string] => [c, t.type])),
  };
}
