/**
 * Dataset paths that arrive over the host contract (`data.info`, `data.preview`, `train.start`,
 * a run's settings.json read by `runs.evaluate`) pass the same path policy as project files:
 * resolved (links included) and confined to the served workspace (web host) or to what the person
 * chose (desktop). The loaders then get the real paths. The CLI does not come through here: it is
 * the person's own shell and reads whatever path they name.
 */
import type { HostResult } from '../../../app/protocol';
import { err, ok } from '../../../app/result';
import type { HostServices } from './types';

const FIELDS = ['path', 'dataDir'] as const;

export async function confineDataset<D extends Record<string, unknown>>(
  s: HostServices,
  dataset: D,
): Promise<HostResult<D>> {
  const out: Record<string, unknown> = { ...dataset };
  for (const field of FIELDS) {
    const value = out[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') return err({ code: 'bad-request', message: `dataset.${field}: a path is text` });
    if (value.includes('\0'))
      return err({ code: 'bad-request', message: `dataset.${field}: a path cannot contain NUL` });
    const checked = await s.paths.check(value);
    if (!checked.ok) {
      const where = s.paths.workspace
        ? `Netloom serve reads datasets only inside the served folder ${s.paths.workspace}: move the dataset into it, or start netloom serve with --dir on a folder that holds it.`
        : 'The app reads datasets only in the folder of the open project or a file you chose: move the dataset beside the project.';
      return err({
        code: 'denied',
        message: `dataset.${field} ${value}: ${where} (The CLI reads any path: netloom train --dataset csv:PATH.)`,
      });
    }
    out[field] = checked.value;
  }
  return ok(out as D);
}
