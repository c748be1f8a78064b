/**
 * Test-only fault injection for the training worker: NETLOOM_FAULT=kind@batch makes the worker
 * fail at the Nth batch it reports (counted from 1 in this session), as a real fault would:
 *   throw@N  an uncaught exception (outside any try/catch: the worker dies of it)
 *   oom@N    allocates until the worker's heap is exhausted (with NETLOOM_WORKER_HEAP_MB set low)
 *   exit@N   the worker thread ends abruptly (as if killed), with exit code 70
 * Unset (always, outside tests) it does nothing.
 */
let batches = 0;

export function injectFault(env: Record<string, string | undefined> = process.env): void {
  const spec = env.NETLOOM_FAULT;
  if (!spec) return;
  const m = /^(throw|oom|exit)@(\d+)$/.exec(spec);
  if (!m || ++batches !== Number(m[2])) return;
  if (m[1] === 'throw') {
    setImmediate(() => {
      throw new Error(`injected fault at batch ${m[2]}`);
    });
  } else if (m[1] === 'exit') {
    process.exit(70);
  } else {
    const hog: number[][] = [];
    for (;;) hog.push(new Array<number>(1 << 20).fill(hog.length));
  }
}

/** Heap limit for the training worker, from NETLOOM_WORKER_HEAP_MB (unset: V8's default). */
export function workerResourceLimits(
  env: Record<string, string | undefined> = process.env,
): { maxOldGenerationSizeMb: number } | undefined {
  const mb = Number(env.NETLOOM_WORKER_HEAP_MB);
  return Number.isFinite(mb) && mb >= 16 ? { maxOldGenerationSizeMb: mb } : undefined;
}

let helperSteps = 0;

/**
 * Test-only: NETLOOM_HELPER_FAULT=kind@step makes a data-parallel helper fail at its Nth step:
 *   throw@N  its step throws (as a failed computation would)
 *   exit@N   the helper thread ends abruptly, with exit code 70
 * Unset (always, outside tests) it does nothing.
 */
export function injectHelperFault(env: Record<string, string | undefined> = process.env): void {
  const m = /^(throw|exit)@(\d+)$/.exec(env.NETLOOM_HELPER_FAULT ?? '');
  if (!m || ++helperSteps !== Number(m[2])) return;
  if (m[1] === 'throw') throw new Error(`injected helper fault at step ${m[2]}`);
  process.exit(70);
}

/**
 * Test-only: NETLOOM_EXPORT_FAULT=kind@step makes an export fail right after it wrote `step`
 * (tfjs, onnx, model.py, model.safetensors, train.py):
 *   throw@STEP  the write throws (as a full disk would)
 *   exit@STEP   the process ends abruptly, with exit code 70 (as if killed)
 * Unset (always, outside tests) it does nothing.
 */
export function injectExportFault(step: string, env: Record<string, string | undefined> = process.env): void {
  const m = /^(throw|exit)@(.+)$/.exec(env.NETLOOM_EXPORT_FAULT ?? '');
  if (!m || m[2] !== step) return;
  if (m[1] === 'throw') throw new Error(`injected export fault after ${step}`);
  process.exit(70);
}
