import { useEffect, useState } from 'react';
import { getHost } from '../../host';
import { useEditor } from '../../store';
import { useDownload } from '../../store/download';
import { datasetOf } from './settingsEdit';

interface Info {
  name: string;
  train: number;
  test: number;
  classes: string[];
  shape: number[];
  mean: number[];
  std: number[];
  /** The folder a built-in dataset was read from, and what is wrong with a given data folder that was not it. */
  location?: string | null;
  locationNote?: string | null;
}

/** The Data tab: what the dataset holds, and a live grid of what the network will see after augmentation. */
export function DataPanel() {
  const graph = useEditor((s) => s.graph);
  const d = datasetOf(graph);
  // a finished download (Training › Data) changes what loads: reload info and preview
  const downloads = useDownload((s) => s.version);
  const key = JSON.stringify({ ...d, augment: '' });
  const [info, setInfo] = useState<Info | null>(null);
  const [preview, setPreview] = useState<{ image: string; width: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [seed, setSeed] = useState(0);
  useEffect(() => {
    let live = true;
    setInfo(null);
    void getHost()
      .invoke('data.info', { dataset: JSON.parse(key) as Record<string, unknown> })
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setInfo(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [key, downloads]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void getHost()
        .invoke('data.preview', {
          dataset: JSON.parse(key) as Record<string, unknown>,
          augment: d.augment,
          seed,
          samples: 4,
          variants: 7,
        })
        .then((r) => {
          if (!live) return;
          if (r.ok) {
            setPreview(r.value);
            setError(null);
          } else setError(r.error.message);
        });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, d.augment, seed, downloads]);
  return (
    <div className="nl-data" data-testid="data-panel">
      <div className="nl-data-info">
        <div className="nl-section-title">Dataset</div>
        {error && <div className="nl-insp-error">{error}</div>}
        {info?.locationNote && (
          <div className="nl-insp-error" data-testid="data-location-note">
            {info.locationNote.charAt(0).toUpperCase() + info.locationNote.slice(1)}.
          </div>
        )}
        {!info && !error && <div className="nl-muted">Loading {d.name}…</div>}
        {info && (
          <dl className="nl-facts wide">
            <dt>source</dt>
            <dd>{info.name}</dd>
            {info.location && (
              <>
                <dt>read from</dt>
                <dd className="mono" data-testid="data-location">
                  {info.location}
                </dd>
              </>
            )}
            <dt>samples</dt>
            <dd>
              {info.train.toLocaleString()} train + {info.test.toLocaleString()} test
            </dd>
            <dt>shape</dt>
            <dd className="mono">[N, {info.shape.join(', ')}]</dd>
            <dt>classes</dt>
            <dd>
              {info.classes.length}: {info.classes.join(', ')}
            </dd>
            <dt>mean / std</dt>
            <dd className="mono">
              {info.mean.join(', ')} / {info.std.join(', ')}
            </dd>
            <dt>normalize</dt>
            <dd className="mono">
              {typeof d.normalize === 'string'
                ? d.normalize
                : `${d.normalize.mean.join(',')}/${d.normalize.std.join(',')}`}
            </dd>
          </dl>
        )}
      </div>
      <div className="nl-data-preview">
        <div className="nl-section-title">
          What the network sees: original, then augmented (
          {d.augment || 'no augmentation: set it in Training › Data › augment'})
          <button className="nl-link" style={{ marginLeft: 8 }} onClick={() => setSeed(seed + 1)}>
            other samples
          </button>
        </div>
        {preview && (
          <img
            src={preview.image}
            alt="augmentation preview"
            data-testid="augment-preview"
            style={{ width: preview.width, imageRendering: 'pixelated' }}
          />
        )}
      </div>
    </div>
  );
}
