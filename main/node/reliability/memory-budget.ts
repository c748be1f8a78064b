/**
 * How much memory a training run may plan to use, and the check the session runs before it
 * compiles the network: the size limits, then the batch estimate (app/training/memory.ts) against
 * the budget. Budget: NETLOOM_MEMORY_BUDGET_MB when set, else 80% of the memory the system reports
 * available (Linux MemAvailable, elsewhere free memory); with the wasm backend at most 4 GiB
 * (a 32-bit WebAssembly memory cannot grow beyond that).
 */
import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import type { Graph } from '../../../app/graph/types';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { checkSizeLimits, checkTrainingMemory } from '../../../app/training/memory';
import { checkExportMemory, type ExportTarget } from '../../../app/training/memory-export';
import type { TrainingSettings } from '../../../app/training/settings';

export function availableBytes(): number {
  try {
    const m = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return freemem();
}

export function memoryBudget(
  backend: string,
  env: Record<string, string | undefined> = process.env,
  available: () => number = availableBytes,
): number {
  const mb = Number(env.NETLOOM_MEMORY_BUDGET_MB);
  if (Number.isFinite(mb) && mb > 0) return mb * 2 ** 20;
  const budget = 0.8 * available();
  return backend === 'wasm' ? Math.min(budget, 4 * 2 ** 30) : budget;
}

/** The reason this run cannot start for its size, with the fix; null when it fits. */
export function checkRunMemory(graph: Graph, s: TrainingSettings, backend: string): string | null {
  const a = analyzeGraph(graph);
  return checkSizeLimits(a) ?? checkTrainingMemory(a, s, memoryBudget(backend));
}

/** The reason this export cannot run for its size, with the fix; null when it fits. Exports run tfjs on the cpu backend. */
export function checkExportRunMemory(
  graph: Graph,
  format: ExportTarget,
  budget: number = memoryBudget('cpu'),
): string | null {
  const a = analyzeGraph(graph);
  return checkSizeLimits(a) ?? checkExportMemory(a.totalParams, format, budget);
}
