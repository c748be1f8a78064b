/**
 * The importers' dispatch tables, derived from the kinds' import entries (app/layers/<kind>/
 * onnx-import.ts and keras-import.ts, joined in each kind's targets.ts): ONNX operator -> entry and
 * Keras layer class -> entry, in the registry's order. An operator or class owned by two kinds
 * fails app/importers/tables.test.ts; a kind that reads some nodes of another kind's operator says
 * which through `claims`, and the operator's entry asks those kinds first.
 */
import { TARGETS } from '../layers/targets';
import { ok } from '../result';
import type { KerasImport, OnnxImport } from './kind-import';

function table<E>(entries: (E | undefined)[], keys: (e: E) => readonly string[]): Map<string, E> {
  const m = new Map<string, E>();
  for (const e of entries) if (e) for (const k of keys(e)) if (!m.has(k)) m.set(k, e);
  return m;
}

/** One entry per operator: the kinds that claim a node first, else the owner (or the first claimant). */
export function joined(entries: (OnnxImport | undefined)[]): Map<string, OnnxImport> {
  const by = new Map<string, OnnxImport[]>();
  for (const e of entries) if (e) for (const op of e.ops) by.set(op, [...(by.get(op) ?? []), e]);
  const m = new Map<string, OnnxImport>();
  for (const [op, es] of by) {
    const claimants = es.filter((e) => e.claims);
    const owner = es.find((e) => !e.claims);
    if (claimants.length === 0 && owner) m.set(op, owner);
    else
      m.set(op, {
        ops: [op],
        convert: (c) => {
          const e = claimants.find((k) => k.claims?.(c)) ?? owner;
          return e ? e.convert(c) : ok('unsupported');
        },
      });
  }
  return m;
}

/** ONNX operator type -> the entry that reads it (see `claims` for an operator several kinds read). */
export const ONNX_IMPORTS: ReadonlyMap<string, OnnxImport> = joined(TARGETS.map((t) => t.onnxImport));

/** Keras layer class -> the kind's entry that reads it. */
export const KERAS_IMPORTS: ReadonlyMap<string, KerasImport> = table(
  TARGETS.map((t) => t.kerasImport),
  (e) => e.classes,
);

/** Every owner of an operator or class, by kind, for the test that each is owned once (`claims` entries aside). */
export function importClaims(): { onnx: [string, string][]; keras: [string, string][] } {
  return {
    onnx: TARGETS.flatMap((t) =>
      t.onnxImport?.claims ? [] : (t.onnxImport?.ops ?? []).map((op): [string, string] => [op, t.type]),
    ),
    keras: TARGETS.flatMap((t) => (t.kerasImport?.classes ?? []).map((c): [string, string] => [c, t.type])),
  };
}
