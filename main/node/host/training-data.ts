/** `data.sources/info/preview`: what the training panel shows about a dataset, from main/node/data. */
import { parseAugment } from '../../../app/data/augment-spec';
import { augmentPreview } from '../../../app/data/grid';
import { parseDatasetSettings, sourceSpecOf } from '../../../app/data/settings';
import type { SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { loadSource } from '../data/index';
import { datasetInfo, listSources } from '../data/info';
import { encodePng } from '../data/png';
import type { Handler } from './types';

const bad = (message: string) => err({ code: 'bad-request' as const, message });

/** The last loaded source, kept so that typing an augmentation recipe does not reload 60,000 images per keystroke. */
let cache: { key: string; value: Promise<Result<SourceSplits>> } | null = null;

export function loadCached(dataset: Record<string, unknown>): Promise<Result<SourceSplits>> | Result<never> {
  const parsed = parseDatasetSettings({ ...dataset, augment: '' });
  if (!parsed.ok) return parsed;
  const spec = sourceSpecOf(parsed.value);
  const key = JSON.stringify(spec);
  if (cache?.key !== key) {
    const value = loadSource(spec);
    cache = { key, value };
    void value.then((r) => {
      if (!r.ok && cache?.key === key) cache = null;
    });
  }
  return cache.value;
}

export function dataHandlers(): { 'data.sources': Handler<'data.sources'>; 'data.info': Handler<'data.info'>; 'data.preview': Handler<'data.preview'> } {
  return {
    'data.sources': async () => ok(listSources()),
    'data.info': async ({ dataset }) => {
      const src = await loadCached(dataset);
      if (!src.ok) return bad(src.error);
      const { name, train, test, classes, shape, mean, std } = datasetInfo(src.value);
      return ok({ name, train, test, classes, shape, mean, std });
    },
    'data.preview': async ({ dataset, augment, seed, samples, variants }) => {
      const spec = parseAugment(augment ?? String(dataset.augment ?? ''));
      if (!spec.ok) return bad(`augment: ${spec.error}`);
      const src = await loadCached(dataset);
      if (!src.ok) return bad(src.error);
      const img = augmentPreview(src.value.train, spec.value, { samples, variants, seed: seed ?? 0 });
      return ok({ image: `data:image/png;base64,${encodePng(img).toString('base64')}`, width: img.width, height: img.height });
    },
  };
}
