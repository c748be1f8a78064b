// Starts a worker thread on a TypeScript module when running under tsx or vitest (a .ts URL):
// registers tsx's loader inside the worker first, since loader hooks are not inherited.
// A .js URL (built code) starts directly.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const code =
    `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })` +
    `.catch((e) => { require('node:worker_threads').parentPort?.postMessage({ error: String(e && e.stack || e) }); });`;
  return new Worker(code, { ...options, eval: true });
}
