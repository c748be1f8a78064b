/**
 * Where a run's checkpoint is, without loading tfjs: the CLI's main thread resolves `--init-from`
 * with it, and loading the checkpoint code there cost `netloom train` about 80 MiB of memory for
 * the whole run (docs/PERFORMANCE.md, "Memory of a ResNet-18 training run").
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The checkpoint folder of a run: `best/` when present, else `last/`, or the folder itself. */
export function checkpointDir(runDir: string, which: 'best' | 'last' = 'best'): string | undefined {
  for (const d of [join(runDir, which), join(runDir, which === 'best' ? 'last' : 'best'), runDir]) {
    if (existsSync(join(d, 'model.json'))) return d;
  }
  return undefined;
}
