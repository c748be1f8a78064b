/** The dataset-loading worker: loads one source (loadSource) and hands its arrays back without copying. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceSpec } from '../../../app/data/types';
import { loadSource } from './index';
import type { LoadMessage } from './load-off-thread';

const port = parentPort;
if (port) {
  const post = (m: LoadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const r = await loadSource((workerData as { spec: SourceSpec }).spec, {
    onProgress: (p) => post({ type: 'progress', progress: p }),
  });
  if (!r.ok) post({ type: 'result', result: r });
  else {
    const buffers = new Set<ArrayBuffer>();
    for (const d of [r.value.train, r.value.test]) {
      if (!d) continue;
      for (const a of [d.x, d.y])
        if (a.buffer instanceof ArrayBuffer && a.byteLength === a.buffer.byteLength) buffers.add(a.buffer);
    }
    try {
      post({ type: 'result', result: r }, [...buffers]);
    } catch {
      post({ type: 'result', result: r });
    }
  }
}
