/**
 * `--init-from`'s run folder, resolved by the CLI's main thread without loading the checkpoint
 * code (and tfjs with it), which init-from.ts loads in the training worker.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { err, ok, type Result } from '../../../app/result';
import { checkpointDir } from './checkpoint-dir';
import { defaultRunsDir } from './run';

/**
 * The run folder `arg` names: a folder path, or a run id among the project's runs
 * (`<project>.runs/<id>`, as `netloom export --run` and the Runs tab name them).
 */
export function resolveInitFrom(arg: string, projectPath: string | undefined): Result<string> {
  const runs = projectPath ? defaultRunsDir(projectPath) : undefined;
  const candidates = runs ? [arg, join(runs, arg)] : [arg];
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isDirectory()) {
      if (!checkpointDir(c))
        return err(
          `--init-from ${arg}: run folder ${c} has no checkpoint (best/model.json or last/model.json); train it first or name another run.`,
        );
      return ok(resolve(c));
    }
  }
  return err(
    `--init-from ${arg}: no such run folder${runs ? ` (nor a run id in ${runs})` : ''}; give a run folder path or a run id.`,
  );
}
