/**
 * A checkpoint is several files (model.json, weights.bin, optimizer.json, optimizer.bin) that must
 * agree. Writing them one by one in place leaves, after a crash between two of them, new weights
 * with the old epoch or optimizer state. So a checkpoint is written into a fresh sibling folder and
 * swapped in with two renames (`last` -> `last.old-*`, staging -> `last`); a crash between the two
 * renames leaves `last.old-*` alone, which recoverCheckpoints() (called before any read) renames
 * back. Staging folders of a killed writer are removed; a live writer's (its pid runs) are left alone.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { syncDirSync } from './atomic-sync';

const STAGING = /^(.+)\.(tmp|old)-(\d+)-[0-9a-f]+$/;

/** A writer still alive may be between its two renames: only a dead writer's leftovers are touched. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Fills a staging folder with `write`, then makes it `dir` in one step. */
export async function commitCheckpointDir(
  dir: string,
  write: (staging: string) => Promise<void> | void,
): Promise<void> {
  const parent = dirname(dir);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(parent, `${basename(dir)}.tmp-${tag}`);
  mkdirSync(staging, { recursive: true });
  try {
    await write(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  syncDirSync(staging);
  const old = join(parent, `${basename(dir)}.old-${tag}`);
  const hadOld = existsSync(dir);
  if (hadOld) renameSync(dir, old);
  renameSync(staging, dir);
  syncDirSync(parent);
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

/**
 * Repairs the checkpoint folders of a run after a crash: a checkpoint missing while its `.old-*`
 * copy exists gets it back; staging and superseded copies are removed. Never throws.
 */
export function recoverCheckpoints(runDir: string): void {
  let names: string[];
  try {
    names = readdirSync(runDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = STAGING.exec(name);
    if (!m || alive(Number(m[3]))) continue;
    const path = join(runDir, name);
    const target = join(runDir, m[1]);
    try {
      if (m[2] === 'old' && !existsSync(target)) renameSync(path, target);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // another process is recovering the same run
    }
  }
}
