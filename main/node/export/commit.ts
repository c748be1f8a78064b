/**
 * An export is committed whole or not at all. Its files are written into a staging folder beside
 * the target (`.NAME.export-tmp-PID-HEX`), and only once every file is complete and synced are they
 * moved in: the whole folder in one rename when the target does not exist yet, else each top-level
 * entry (model.py, weights.bin, tfjs/, ...) swapped for the old one in a short burst of renames;
 * other files in the target are left alone. A failed export leaves the target as it was.
 *
 * A journal entry (in the app's state folder) records each export in flight, so that the next start
 * of the CLI or the host finishes the job of a killed one: an export killed while writing is
 * dropped (staging removed, the old export intact); one killed between its renames is completed
 * (its files were complete). Temporary files of killed writers (`*.tmp-PID`,
 * `.NAME.PID.HEX.tmp`) in the target are removed too.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Result } from '../../../app/result';
import { syncDirSync } from '../reliability/atomic-sync';

interface Journal {
  pid: number;
  target: string;
  staging: string;
  tag: string;
  state: 'writing' | 'committing';
  entries?: string[];
}

/** The folder of the journal: $NETLOOM_DATA_DIR, else $XDG_STATE_HOME/netloom or ~/.local/state/netloom, + /pending-exports. */
export function exportJournalDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.NETLOOM_DATA_DIR ?? join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'netloom');
  return join(base, 'pending-exports');
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const oldName = (entry: string, tag: string) => `.${entry}.export-old-${tag}`;
const STAGING = /^\.(.+)\.export-tmp-(\d+)-[0-9a-f]+$/;
const OLD = /^\..+\.export-old-(\d+)-[0-9a-f]+$/;
/** `model.safetensors.tmp-PID` (exports) and `.weights.bin.PID.HEX.tmp` (atomic-sync). */
const TEMP = [/\.tmp-(\d+)$/, /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/];

/** Removes what dead writers left in `dir` and its export subfolders: temp files, staging and superseded copies. Never throws. */
export function sweepExportFolder(dir: string): void {
  const sweep = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      const pid = [...TEMP, STAGING, OLD].map((re) => re.exec(name)).find((m) => m)?.[STAGING.test(name) ? 2 : 1];
      if (pid !== undefined && !alive(Number(pid))) rmSync(path, { recursive: true, force: true });
      else if (depth < 1 && ['tfjs', 'onnx', 'pytorch'].includes(name)) sweep(path, depth + 1);
    }
  };
  sweep(dir, 0);
  // Staging folders sit beside the target.
  const name = basename(dir);
  try {
    for (const s of readdirSync(dirname(dir))) {
      const m = STAGING.exec(s);
      if (m && m[1] === name && !alive(Number(m[2]))) rmSync(join(dirname(dir), s), { recursive: true, force: true });
    }
  } catch {
    // the parent is not readable: nothing of ours there
  }
}

function moveIn(j: Journal): void {
  if (!existsSync(j.target)) {
    renameSync(j.staging, j.target);
  } else {
    for (const e of j.entries ?? []) {
      const from = join(j.staging, e);
      if (!existsSync(from)) continue; // moved before a crash
      const to = join(j.target, e);
      const old = join(j.target, oldName(e, j.tag));
      if (existsSync(to) && !existsSync(old)) renameSync(to, old);
      renameSync(from, to);
    }
  }
  syncDirSync(j.target);
  for (const e of j.entries ?? []) rmSync(join(j.target, oldName(e, j.tag)), { recursive: true, force: true });
  rmSync(j.staging, { recursive: true, force: true });
}

/** Finishes or drops the exports of killed processes recorded in the journal. Never throws. */
export function recoverExports(journalDir: string = exportJournalDir()): string[] {
  const done: string[] = [];
  let names: string[];
  try {
    names = readdirSync(journalDir).filter((n) => n.endsWith('.json'));
  } catch {
    return done;
  }
  for (const n of names) {
    const file = join(journalDir, n);
    try {
      const j = JSON.parse(readFileSync(file, 'utf8')) as Journal;
      if (alive(j.pid)) continue;
      if (j.state === 'committing' && existsSync(j.staging)) {
        moveIn(j);
        done.push(`completed the export to ${j.target} that was interrupted`);
      } else {
        rmSync(j.staging, { recursive: true, force: true });
        if (j.state === 'writing') done.push(`removed the unfinished export to ${j.target}`);
      }
      sweepExportFolder(j.target);
      rmSync(file, { force: true });
    } catch {
      // unreadable entry or a folder gone: leave it for the next start
    }
  }
  return done;
}

/**
 * Writes an export with `write(staging)` (which returns the paths it wrote, inside staging) and
 * moves it to `outDir` only when it succeeded. Returns the paths as they are in `outDir`.
 */
export async function commitExport(
  outDir: string,
  write: (staging: string) => Promise<Result<string[]>>,
  journalDir: string = exportJournalDir(),
): Promise<Result<string[]>> {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  if (existsSync(target) && !statSync(target).isDirectory())
    return { ok: false, error: `${outDir} is a file: choose a folder to export into` };
  sweepExportFolder(target);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const j: Journal = {
    pid: process.pid,
    target,
    staging: join(parent, `.${basename(target)}.export-tmp-${tag}`),
    tag,
    state: 'writing',
  };
  mkdirSync(journalDir, { recursive: true });
  const journal = join(journalDir, `${tag}.json`);
  writeFileSync(journal, JSON.stringify(j));
  mkdirSync(j.staging);
  const drop = () => {
    rmSync(j.staging, { recursive: true, force: true });
    rmSync(journal, { force: true });
  };
  let r: Result<string[]>;
  try {
    r = await write(j.staging);
  } catch (e) {
    drop();
    throw e;
  }
  if (!r.ok) {
    drop();
    return r;
  }
  syncDirSync(j.staging);
  j.state = 'committing';
  j.entries = readdirSync(j.staging);
  writeFileSync(journal, JSON.stringify(j));
  moveIn(j);
  rmSync(journal, { force: true });
  return { ok: true, value: r.value.map((p) => join(target, p.slice(j.staging.length + 1))) };
}
