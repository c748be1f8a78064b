/** Training and dataset settings side by side: the keys whose values differ (defaults filled on both sides). */
import { datasetSettingsSchema } from '../../data/settings';
import { trainingSettingsSchema } from '../../training/settings';
import { stable } from './signature';
import type { SettingDiff } from './types';

function flatten(prefix: string, v: unknown, out: Map<string, unknown>): void {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(`${prefix}.${k}`, x, out);
  } else out.set(prefix, v);
}

function withDefaults(schema: typeof trainingSettingsSchema | typeof datasetSettingsSchema, v: unknown): unknown {
  const r = schema.safeParse(v ?? {});
  return r.success ? r.data : (v ?? {});
}

export interface Settings {
  training?: Record<string, unknown>;
  dataset?: Record<string, unknown>;
}

/** Every setting with its value on both sides, differing ones marked by `differs`. */
export function settingsTable(a: Settings, b: Settings): (SettingDiff & { differs: boolean })[] {
  const fa = new Map<string, unknown>();
  const fb = new Map<string, unknown>();
  flatten('training', withDefaults(trainingSettingsSchema, a.training), fa);
  flatten('dataset', withDefaults(datasetSettingsSchema, a.dataset), fa);
  flatten('training', withDefaults(trainingSettingsSchema, b.training), fb);
  flatten('dataset', withDefaults(datasetSettingsSchema, b.dataset), fb);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])];
  return keys.map((key) => ({
    key,
    a: fa.get(key),
    b: fb.get(key),
    differs: stable(fa.get(key)) !== stable(fb.get(key)),
  }));
}

export function diffSettings(a: Settings, b: Settings): SettingDiff[] {
  return settingsTable(a, b)
    .filter((r) => r.differs)
    .map(({ key, a: x, b: y }) => ({ key, a: x, b: y }));
}
