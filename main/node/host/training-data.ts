/** `data.sources/info/preview`: what the training panel shows about a dataset, from main/node/data. */
import { parseAugment } from '../../../app/data/augment-spec';
import { augmentPreview } from '../../../app/data/grid';
import { parseDatasetSettings, sourceSpecOf } from '../../../app/data/settings';
import type { SourceSplits } from '../../../app/data/types';
import type { HostResult } from '../../../app/protocol';
import { err, ok, type Result } from '../../../app/result';
import { datasetInfo, listSources } from '../data/info';
import { loadSourceOffThread } from '../data/load-off-thread';
import { encodePng } from '../data/png';
import { confineDataset } from './dataset-paths';
import type { Handler, HostServices } from './types';

const bad = (message: string) => err({ code: 'bad-request' as const, message });

/**
 * The last loaded source, kept so that typing an augmentation recipe does not reload 60,000 images
 * per keystroke. One source at most: memory stays bounded however many datasets are asked for.
 */
let cache: { key: string; value: Promise<Result<SourceSplits>> } | null = null;
/** An idle host does not keep a dataset (MNIST: 220 MB) in memory: the cache is dropped this long after its last use. */
export const CACHE_IDLE_MS = 5 * 60_000;
let expiry: NodeJS.Timeout | null = null;

/** Drops the cached source (after CACHE_IDLE_MS unused; tests). */
export function clearDataCache(): void {
  cache = null;
  if (expiry) clearTimeout(expiry);
  expiry = null;
}

function touch(): void {
  if (expiry) clearTimeout(expiry);
  expiry = setTimeout(clearDataCache, CACHE_IDLE_MS);
  expiry.unref();
}

/**
 * The source of the dataset settings, its paths confined by the host's path policy, loaded in a
 * worker thread with a timeout (main/node/data/load-off-thread.ts) so the host stays responsive.
 */
export async function loadCached(s: HostServices, dataset: Record<string, unknown>): Promise<HostResult<SourceSplits>> {
  const confined = await confineDataset(s, dataset);
  if (!confined.ok) return confined;
  const parsed = parseDatasetSettings({ ...confined.value, augment: '' });
  if (!parsed.ok) return bad(parsed.error);
  const spec = sourceSpecOf(parsed.value);
  const key = JSON.stringify(spec);
  touch();
  if (cache?.key !== key) {
    const value = loadSourceOffThread(spec);
    cache = { key, value };
    void value.then((r) => {
      if (!r.ok && cache?.key === key) cache = null;
    });
  }
  const r = await cache.value;
  return r.ok ? r : bad(r.error);
}

export function dataHandlers(s: HostServices): {
  'data.sources': Handler<'data.sources'>;
  'data.info': Handler<'data.info'>;
  'data.preview': Handler<'data.preview'>;
} {
  return {
    'data.sources': async () => ok(listSources()),
    'data.info': async ({ dataset }) => {
      const src = await loadCached(s, dataset);
      if (!src.ok) return src;
      const { name, train, test, classes, shape, mean, std } = datasetInfo(src.value);
      const { from, fromNote } = src.value;
      return ok({
        name,
        train,
        test,
        classes,
        shape,
        mean,
        std,
        location: from ?? null,
        locationNote: fromNote ?? null,
      });
    },
    'data.preview': async ({ dataset, augment, seed, samples, variants }) => {
      const spec = parseAugment(augment ?? String(dataset.augment ?? ''));
      if (!spec.ok) return bad(`augment: ${spec.error}`);
      const src = await loadCached(s, dataset);
      if (!src.ok) return src;
      const img = augmentPreview(src.value.train, spec.value, { samples, variants, seed: seed ?? 0 });
      return ok({
        image: `data:image/png;base64,${encodePng(img).toString('base64')}`,
        width: img.width,
        height: img.height,
      });
    },
  };
}
