/**
 * V8's garbage collector for the engine's training threads (the training worker and its
 * data-parallel helpers). The training step allocates tens of megabytes of short-lived tensors
 * and arrays, which a young generation of V8's default size (16 MiB semi-spaces) scavenges
 * several times a step, each time on the replica's critical path (with two replicas, the other
 * one waits for it at the next SyncBatchNorm meeting). So each training thread may grow its
 * semi-spaces to 32 MiB, through the Worker's `resourceLimits` (per thread, safe at any time).
 * 64 MiB measured no better in CPU time at load 9-11 and cost up to 90 MiB more peak memory.
 *
 * The other half of the tuning, V8's `--single-threaded-gc` (no V8 helper threads fighting the
 * replicas for the cores), is a process-wide start-up flag: bin/netloom starts `train` and
 * `serve` with it (main/node/web/respawn.mjs). Set at run time with v8.setFlagsFromString before
 * `new Worker`, it reached the new isolates but crashed Node 20 within seconds (a failed V8 check,
 * `concurrent_marking_handle_`, in a collection that had begun under the old flags), so the engine
 * does not do that. Measured in docs/PERFORMANCE.md, "Two workers, the collector and the reduction".
 * NETLOOM_GC=default leaves V8's defaults (for measurements and as a way out).
 */
import type { ResourceLimits } from 'node:worker_threads';

/** The young generation of a training thread: three semi-spaces of 32 MiB (two, plus as much for the new large-object space). */
export const TRAINING_YOUNG_GENERATION_MB = 96;

/** Whether the engine tunes the collector (NETLOOM_GC unset or anything but 'default'). */
export function gcTuningEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.NETLOOM_GC !== 'default';
}

/**
 * The resource limits to start a training thread with: `limits` (e.g. the test-only heap limit)
 * and the larger young generation, or `limits` as they are when tuning is off.
 */
export function trainingThreadLimits(
  limits: ResourceLimits | undefined,
  env: Record<string, string | undefined> = process.env,
): ResourceLimits | undefined {
  if (!gcTuningEnabled(env)) return limits;
  return { maxYoungGenerationSizeMb: TRAINING_YOUNG_GENERATION_MB, ...limits };
}
