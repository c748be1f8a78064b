/**
 * Reading and writing the project's `training` and `dataset` fields: values are shown with the
 * schema's defaults applied, and each edit is checked against the schema before it reaches the
 * document (an invalid value stays in the field with the schema's message under it).
 */
import { datasetSettingsSchema, parseDatasetSettings, type DatasetSettings } from '../../../app/data/settings';
import { parseTrainingSettings, trainingSettingsSchema, type TrainingSettings } from '../../../app/training/settings';
import type { Graph } from '../../../app/graph/types';
import { editorStore } from '../../store';

export type Section = 'training' | 'dataset';

export function trainingOf(g: Pick<Graph, 'training'>): TrainingSettings {
  const r = trainingSettingsSchema.safeParse(g.training ?? {});
  return r.success ? r.data : trainingSettingsSchema.parse({});
}

export function datasetOf(g: Graph): DatasetSettings {
  const r = datasetSettingsSchema.safeParse(g.dataset ?? {});
  return r.success ? r.data : datasetSettingsSchema.parse({});
}

export function getPath(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!rest.length) {
    const out = Array.isArray(obj) ? ([...obj] as unknown as Record<string, unknown>) : { ...obj };
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const inner = obj[head];
  const base = (inner !== null && typeof inner === 'object' ? inner : /^\d+$/.test(rest[0]) ? [] : {}) as Record<
    string,
    unknown
  >;
  return { ...obj, [head]: setPath(base, rest.join('.'), value) };
}

/** The full settings with `path` set to `value`, validated; the error names the setting. */
export function candidate(
  g: Graph,
  section: Section,
  path: string,
  value: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const current = section === 'training' ? trainingOf(g) : datasetOf(g);
  let next = setPath(current as unknown as Record<string, unknown>, path, value);
  if (section === 'training' && path === 'scheduler.name') next = { ...next, scheduler: { name: value } };
  const parsed = section === 'training' ? parseTrainingSettings(next) : parseDatasetSettings(next);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value as unknown as Record<string, unknown> };
}

/** Write one setting into the document (one undo step per field while typing). */
export function writeSetting(section: Section, path: string, value: unknown): string | null {
  const s = editorStore.getState();
  const c = candidate(s.graph, section, path, value);
  if (!c.ok) return c.error;
  s.edit(`${section} settings`, (g) => ({ ...g, [section]: c.value }), { merge: `${section}.${path}` });
  return null;
}
