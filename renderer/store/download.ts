/**
 * The dataset download store: one `data.download` at a time from the training panel, its byte
 * progress (from `data.downloadProgress` events) and its result. `version` grows after each
 * finished download, so the Data tab reloads data.info / data.preview.
 */
import { createStore, useStore } from 'zustand';
import type { EventPayload } from '../../app/protocol';
import type { HostApi } from '../host';

export const DOWNLOADABLE = ['mnist', 'fashion-mnist', 'cifar10'] as const;
export type Downloadable = (typeof DOWNLOADABLE)[number];
export const isDownloadable = (name: string): name is Downloadable =>
  (DOWNLOADABLE as readonly string[]).includes(name);

export interface DownloadState {
  status: 'idle' | 'downloading' | 'done' | 'error';
  name: string | null;
  /** Bytes of the file being transferred, and its size (0 when the server does not say). */
  done: number;
  total: number;
  /** The current file ("download train-images-idx3-ubyte.gz"). */
  phase: string;
  /** Where the files went (done), or the first line of the error. */
  message: string;
  /** The whole error message (its problems per mirror and the fix), for the tooltip. */
  detail: string;
  version: number;
}

const initial: DownloadState = {
  status: 'idle',
  name: null,
  done: 0,
  total: 0,
  phase: '',
  message: '',
  detail: '',
  version: 0,
};
export const downloadStore = createStore<DownloadState>()(() => ({ ...initial }));

export function useDownload<T>(selector: (s: DownloadState) => T): T {
  return useStore(downloadStore, selector);
}

/** The reducer of data.downloadProgress, exported for tests: only the running download's events count. */
export function applyDownloadProgress(
  s: DownloadState,
  p: EventPayload<'data.downloadProgress'>,
): Partial<DownloadState> {
  if (s.status !== 'downloading' || p.name !== s.name) return {};
  return { done: p.done, total: p.total, phase: p.phase };
}

/** "3.2 MB of 26.4 MB (12%)", or the bytes alone when the size is unknown. */
export function describeBytes(done: number, total: number): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  if (!(total > 0)) return mb(done);
  return `${mb(done)} of ${mb(total)} (${Math.floor((100 * Math.min(done, total)) / total)}%)`;
}

/** Download a built-in dataset through the host, following its progress; resolves when it ends. */
export async function downloadDataset(host: HostApi, name: Downloadable, dataDir?: string): Promise<void> {
  if (downloadStore.getState().status === 'downloading') return;
  downloadStore.setState({
    status: 'downloading',
    name,
    done: 0,
    total: 0,
    phase: 'connecting',
    message: '',
    detail: '',
  });
  const stop = host.on('data.downloadProgress', (p) => downloadStore.setState((s) => applyDownloadProgress(s, p)));
  try {
    const r = await host.invoke('data.download', dataDir ? { name, dataDir } : { name });
    if (r.ok)
      downloadStore.setState((s) => ({
        status: 'done',
        message: `downloaded to ${r.value.dir}`,
        version: s.version + 1,
      }));
    else downloadStore.setState({ status: 'error', message: r.error.message.split('\n')[0], detail: r.error.message });
  } finally {
    stop();
  }
}
