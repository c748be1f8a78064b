import { err, ok, type Result } from '../result';

/**
 * Project file migrations (as tldraw's schema migrations): an ordered list of steps, each taking a
 * raw document of version `from` to version `to`. They run on load, before validation, so the
 * schema only ever sees the current version. Version 1 is the first format: the list is empty
 * until version 2 exists. Adding a version = bump CURRENT_VERSION, append one step, add a fixture
 * of the old version under app/graph/fixtures/vN/ (fixtures.test.ts opens every one of them).
 */
export const CURRENT_VERSION = 1;

export type RawDocument = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  /** What changed, one line (shown in docs/FORMAT.md's history). */
  description: string;
  /** Pure: returns the document at version `to` (need not set `version`; the framework does). */
  migrate(doc: RawDocument): RawDocument;
}

/** The real migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [];

export interface MigrateOptions {
  migrations?: readonly Migration[];
  target?: number;
}

/** The oldest version that the given migrations can bring to `target`. */
export function oldestReadable(migrations: readonly Migration[] = MIGRATIONS, target = CURRENT_VERSION): number {
  let v = target;
  for (;;) {
    const step = migrations.find((m) => m.to === v && m.from < v);
    if (!step) return v;
    v = step.from;
  }
}

/**
 * Brings a raw document from its `version` to `target` (default CURRENT_VERSION) by applying the
 * migrations in order. The error is one line saying what to do (update Netloom, or that the
 * version is unknown). Never throws: a migration that throws becomes an error naming the step.
 */
export function migrateDocument(doc: RawDocument, options: MigrateOptions = {}): Result<RawDocument> {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = options.target ?? CURRENT_VERSION;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return err(
      `version: expected a whole number such as ${target}, got ${JSON.stringify(version) ?? 'nothing'}: set "version": ${target}`,
    );
  }
  if (version > target) {
    return err(
      `made by a newer Netloom (format version ${version}); this version reads up to ${target}: update Netloom`,
    );
  }
  let current: RawDocument = doc;
  let v = version;
  // Each step raises the version, so at most migrations.length steps run.
  for (let steps = 0; v < target && steps <= migrations.length; steps++) {
    const step = migrations.find((m) => m.from === v && m.to > v && m.to <= target);
    if (!step) {
      return err(
        `unknown format version ${version}; this version reads ${oldestReadable(migrations, target)} to ${target}: set "version": ${target} if the file was written for format ${target}`,
      );
    }
    try {
      const next = step.migrate(current);
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        return err(
          `migration from format version ${step.from} to ${step.to} gave no document: report this as a Netloom bug`,
        );
      }
      current = { ...next, version: step.to };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return err(
        `migration from format version ${step.from} to ${step.to} failed (${why.split('\n')[0]}): report this as a Netloom bug, attaching the file`,
      );
    }
    v = step.to;
  }
  return ok(current);
}
