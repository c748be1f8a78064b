/**
 * Reading a project's run folders for a bundle without following symbolic links: a link in
 * `<project>.runs/` (a run folder, a checkpoint folder, a file) could lead out of the project and
 * copy someone else's files into the bundle. Files are opened with O_NOFOLLOW and must be regular
 * files (checked on the open handle, opened non-blocking so a FIFO cannot hang the export).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Is `path` a symbolic link (false when it does not exist)? */
export function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Is `path` a real folder (not a link to one)? */
export function isRealDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The bytes of a regular file that is not a link; throws an Error whose message names the file and why. */
export function readNoFollow(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK')
      throw new Error(`${path} is a symbolic link; links are not followed into a bundle`);
    throw new Error(`cannot read ${path} (${code ?? (e as Error).message})`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
