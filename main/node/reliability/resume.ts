/**
 * Before a run is resumed: its checkpoints are recovered (a crash between the two renames of a
 * checkpoint commit) and a metrics.jsonl torn by a crash mid-append is cut back to its last whole
 * line, so the resumed run's first appended event is not glued to the partial one (and lost).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, fstatSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { recoverCheckpoints } from './checkpoint-commit';

/** Cuts a JSON-lines file back to its last newline; returns the number of bytes removed. */
export function repairJsonlTail(path: string): number {
  if (!existsSync(path)) return 0;
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const n = readSync(fd, chunk, 0, end - start, start);
      const at = chunk.subarray(0, n).lastIndexOf(0x0a);
      if (at >= 0) {
        const keep = start + at + 1;
        if (keep < size) ftruncateSync(fd, keep);
        return size - keep;
      }
      end = start;
    }
    if (size > 0) ftruncateSync(fd, 0);
    return size;
  } finally {
    closeSync(fd);
  }
}

export function prepareResume(runDir: string): void {
  recoverCheckpoints(runDir);
  repairJsonlTail(join(runDir, 'metrics.jsonl'));
}

export interface ResumePoint {
  kind: 'last' | 'best';
  dir: string;
  epoch: number;
}

/** The epoch recorded in a checkpoint's model.json, or null when the checkpoint is missing or incomplete. */
function checkpointEpoch(dir: string): number | null {
  if (!existsSync(join(dir, 'model.json')) || !existsSync(join(dir, 'weights.bin'))) return null;
  try {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      userDefinedMetadata?: { netloom?: { epoch?: unknown } };
    };
    const epoch = Number(json.userDefinedMetadata?.netloom?.epoch);
    return Number.isInteger(epoch) && epoch >= 0 ? epoch : null;
  } catch {
    return null;
  }
}

/**
 * The checkpoints a run can resume from, the most recent epoch first (last/ before best/ on a tie).
 * A run that failed writing last/ (a full disk) still resumes from best/, or from an older last/.
 */
export function resumePoints(runDir: string): ResumePoint[] {
  const out: ResumePoint[] = [];
  for (const kind of ['last', 'best'] as const) {
    const dir = join(runDir, kind);
    const epoch = checkpointEpoch(dir);
    if (epoch !== null) out.push({ kind, dir, epoch });
  }
  return out.sort((a, b) => b.epoch - a.epoch);
}

/** The line that says which checkpoint a resume uses, and why when it is not last/. */
export function describeResume(
  chosen: ResumePoint,
  points: readonly ResumePoint[],
  skipped: readonly string[],
): string {
  const last = points.find((p) => p.kind === 'last');
  const why =
    chosen.kind === 'last'
      ? ''
      : skipped.length > 0
        ? `: ${skipped.join('; ')}`
        : last
          ? `: it is newer than last/ (epoch ${last.epoch})`
          : ': last/ is missing or incomplete';
  return `resuming from ${chosen.kind}/ (epoch ${chosen.epoch})${why}`;
}
