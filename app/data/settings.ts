/**
 * The project's `dataset` field: which source (a SourceSpec, camelCase as there) plus how it is
 * prepared for training: normalization, augmentation recipe, stratified validation split, and a
 * test split carved out when the source has none (image folders without test/, CSV tables).
 * The validation fraction and the seed are training settings (`val_split`, `seed`).
 */
import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { parseAugment } from './augment-spec';
import type { SourceSpec } from './types';

export const datasetSettingsSchema = z.object({
  name: z.enum(['mnist', 'fashion-mnist', 'cifar10', 'synthetic', 'folder', 'csv']).default('synthetic'),
  dataDir: z.string().optional(),
  path: z.string().optional(),
  shape: z.array(z.number().int().positive()).optional(),
  label: z.string().optional(),
  download: z.boolean().optional(),
  trainSize: z.number().int().positive().optional(),
  testSize: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  /** 'auto': per-channel mean/std computed on the training split; 'none'; or given (the seed's {mean: [0.1307], std: [0.3081]}). */
  normalize: z
    .union([
      z.literal('auto'),
      z.literal('none'),
      z.object({ mean: z.array(z.number()).min(1), std: z.array(z.number().positive()).min(1) }),
    ])
    .default('auto'),
  /** Training-only augmentation recipe, e.g. "flip,rotate=15,crop=4" (see app/data/augment-spec.ts). */
  augment: z.string().default(''),
  /** Keep class shares equal across train/validation (and a carved test split). */
  stratified: z.boolean().default(true),
  /** Fraction held out as the test split when the source has no test split of its own. */
  testSplit: z.number().min(0).lt(1).default(0.1),
  /** Use at most this many training samples (quick runs); null = all. */
  limit: z.number().int().positive().nullable().default(null),
});

export type DatasetSettings = z.infer<typeof datasetSettingsSchema>;

/** Parse the project's dataset field; the error names the setting. */
export function parseDatasetSettings(value: unknown): Result<DatasetSettings> {
  const r = datasetSettingsSchema.safeParse(value ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    return err(`dataset.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const aug = parseAugment(r.data.augment);
  if (!aug.ok) return err(`dataset.augment: ${aug.error}`);
  if ((r.data.name === 'folder' || r.data.name === 'csv') && !r.data.path) {
    return err(
      `dataset.path: a '${r.data.name}' dataset needs the path of its ${r.data.name === 'folder' ? 'image folder' : 'CSV file'}.`,
    );
  }
  return ok(r.data);
}

/** The loader part of the settings. */
export function sourceSpecOf(s: DatasetSettings): SourceSpec {
  const { name, dataDir, path, shape, label, download, trainSize, testSize, seed } = s;
  return { name, dataDir, path, shape, label, download, trainSize, testSize, seed };
}
