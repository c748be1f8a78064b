import { getHost } from '../../host';
import { useEditor } from '../../store';
import { describeBytes, downloadDataset, isDownloadable, useDownload } from '../../store/download';
import { useTraining } from '../../store/training';
import { datasetOf } from './settingsEdit';

/** Training › Data: download the chosen built-in dataset now (mnist, fashion-mnist, cifar10), with a byte progress bar and the result. */
export function DownloadButton() {
  const d = datasetOf(useEditor((s) => s.graph));
  const training = useTraining((s) => s.phase) !== 'idle';
  const dl = useDownload((s) => s);
  if (!isDownloadable(d.name)) return null;
  const name = d.name;
  const running = dl.status === 'downloading';
  const mine = dl.name === name;
  const fraction = running && dl.total > 0 ? Math.min(1, dl.done / dl.total) : 0;
  return (
    <div className="nl-download" data-testid="data-download">
      <div className="nl-row">
        <button
          className="nl-btn"
          type="button"
          data-testid="data-download-button"
          disabled={running || training}
          title={
            training
              ? 'Training is running'
              : `Download ${name} (SHA-256 checked) into ${d.dataDir ?? 'the dataset cache'}`
          }
          onClick={() => void downloadDataset(getHost(), name, d.dataDir)}
        >
          {running ? 'Downloading…' : `⤓ Download ${name}`}
        </button>
      </div>
      {running && (
        <>
          <div
            className="nl-progress"
            role="progressbar"
            aria-label="Download progress"
            aria-valuenow={Math.round(fraction * 100)}
            data-testid="data-download-progress"
          >
            <div className="nl-progress-bar" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
          </div>
          <div className="nl-muted" data-testid="data-download-status">
            {dl.name}: {dl.phase} · {describeBytes(dl.done, dl.total)}
          </div>
        </>
      )}
      {!running && mine && dl.status === 'done' && (
        <div className="nl-muted" data-testid="data-download-result">
          {dl.message}
        </div>
      )}
      {!running && mine && dl.status === 'error' && (
        <div className="nl-insp-error" data-testid="data-download-result" title={dl.detail}>
          {dl.message}
        </div>
      )}
    </div>
  );
}
