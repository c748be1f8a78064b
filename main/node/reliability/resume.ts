/**
 * Before a run is resumed: its checkpoints are recovered (a crash between the two renames of a
 * checkpoint commit) and a metrics.jsonl torn by a crash mid-append is cut back to its last whole
 * line, so the resumed run's first appended event is not glued to the partial one (and lost).
 */
import { closeSync, existsSync, openSync, readSync, fstatSync, ftruncateSync } from 'node:fs';
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
