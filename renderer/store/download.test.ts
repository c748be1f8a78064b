import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../app/protocol';
import type { HostApi } from '../host';
import {
  applyDownloadProgress,
  describeBytes,
  downloadDataset,
  downloadStore,
  isDownloadable,
  type DownloadState,
} from './download';

const base: DownloadState = {
  status: 'downloading',
  name: 'mnist',
  done: 0,
  total: 0,
  phase: '',
  message: '',
  detail: '',
  version: 0,
};

/** A host whose data.download emits the given progress events, then answers `result` (the transport is tested in renderer/host). */
function scriptedHost(
  events: EventPayload<'data.downloadProgress'>[],
  result: unknown,
  seen: DownloadState[],
): HostApi {
  const listeners = new Set<(p: EventPayload<'data.downloadProgress'>) => void>();
  return {
    kind: 'web',
    connection: 'open',
    onConnection: () => () => {},
    on: (<E extends EventName>(event: E, l: (p: EventPayload<E>) => void) => {
      if (event !== 'data.downloadProgress') return () => {};
      const f = l as unknown as (p: EventPayload<'data.downloadProgress'>) => void;
      listeners.add(f);
      return () => listeners.delete(f);
    }) as HostApi['on'],
    invoke: (async () => {
      for (const e of events) {
        for (const l of listeners) l(e);
        seen.push({ ...downloadStore.getState() });
      }
      return result;
    }) as unknown as HostApi['invoke'],
  };
}

describe('dataset download store', () => {
  it('takes progress only of the running download', () => {
    expect(applyDownloadProgress(base, { name: 'mnist', done: 5, total: 10, phase: 'download a' })).toEqual({
      done: 5,
      total: 10,
      phase: 'download a',
    });
    expect(applyDownloadProgress(base, { name: 'cifar10', done: 5, total: 10, phase: 'x' })).toEqual({});
    expect(
      applyDownloadProgress({ ...base, status: 'done' }, { name: 'mnist', done: 5, total: 10, phase: 'x' }),
    ).toEqual({});
  });

  it('describes bytes with the percentage, or alone when the size is unknown', () => {
    expect(describeBytes(3_200_000, 26_421_880)).toBe('3.2 MB of 26.4 MB (12%)');
    expect(describeBytes(26_421_880, 26_421_880)).toBe('26.4 MB of 26.4 MB (100%)');
    expect(describeBytes(1_500_000, 0)).toBe('1.5 MB');
    expect(['mnist', 'fashion-mnist', 'cifar10', 'synthetic', 'csv'].map(isDownloadable)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('follows progress, then shows where the files went and bumps the version; an error keeps its first line', async () => {
    const seen: DownloadState[] = [];
    const host = scriptedHost(
      [
        { name: 'fashion-mnist', done: 10, total: 100, phase: 'download t' },
        { name: 'fashion-mnist', done: 100, total: 100, phase: 'download t' },
      ],
      { ok: true, value: { dir: '/c/fashion-mnist' } },
      seen,
    );
    await downloadDataset(host, 'fashion-mnist');
    expect(seen.map((s) => [s.status, s.done])).toEqual([
      ['downloading', 10],
      ['downloading', 100],
    ]);
    expect(downloadStore.getState()).toMatchObject({
      status: 'done',
      message: 'downloaded to /c/fashion-mnist',
      version: 1,
    });
    const bad = scriptedHost(
      [],
      { ok: false, error: { code: 'failed', message: 'a.gz: download failed.\n  why\nFix: retry' } },
      [],
    );
    await downloadDataset(bad, 'mnist');
    expect(downloadStore.getState()).toMatchObject({
      status: 'error',
      name: 'mnist',
      message: 'a.gz: download failed.',
      version: 1,
    });
  });
});
