/**
 * Which paths the renderer may read and write. A path is allowed when it is
 * - a file the person chose in a dialog (or in the recent list, which only holds such files), or
 * - inside the folder of a project the person opened or saved that way, or
 * - inside the served workspace (web host).
 * With `confine` set (web host) nothing outside that folder is ever allowed, whatever was granted.
 * Symbolic links are resolved before the check, so a link inside the workspace cannot lead out of it.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { err, ok } from '../../../app/result';
import type { HostResult } from '../../../app/protocol';

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, resolving links of the longest part of it that exists. */
export async function realPathOf(path: string): Promise<string> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length ? join(real, ...missing.reverse()) : real;
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}

export class PathPolicy {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();

  /** `confine`: the web host's workspace (already a real path). `base`: where relative paths start. */
  constructor(private readonly opts: { confine?: string; base?: string } = {}) {
    if (opts.confine) this.folders.add(opts.confine);
  }

  get workspace(): string | undefined {
    return this.opts.confine;
  }

  /** The person chose this file (dialog, recent list). Its folder becomes the project's folder. */
  async grant(path: string): Promise<HostResult<string>> {
    const checked = await this.resolveCandidate(path);
    if (!checked.ok) return checked;
    if (this.opts.confine && !isInside(this.opts.confine, checked.value)) return this.outside(path);
    this.files.add(checked.value);
    this.folders.add(dirname(checked.value));
    return checked;
  }

  /** The real path when the renderer may use it; a `denied` error naming the path otherwise. */
  async check(path: string): Promise<HostResult<string>> {
    const checked = await this.resolveCandidate(path);
    if (!checked.ok) return checked;
    const real = checked.value;
    if (this.opts.confine && !isInside(this.opts.confine, real)) return this.outside(path);
    if (this.files.has(real)) return checked;
    for (const folder of this.folders) if (isInside(folder, real)) return checked;
    return err({
      code: 'denied',
      message: `${path}: not a file you chose. Use File > Open or File > Save As to choose it.`,
    });
  }

  private async resolveCandidate(path: string): Promise<HostResult<string>> {
    const base = this.opts.confine ?? this.opts.base;
    if (!isAbsolute(path) && !base) return err({ code: 'bad-request', message: `${path}: an absolute path is needed` });
    return ok(await realPathOf(resolve(base ?? '/', path)));
  }

  private outside(path: string): HostResult<never> {
    return err({
      code: 'denied',
      message: `${path}: outside the served folder ${this.opts.confine}. Start netloom serve with --dir to serve another folder.`,
    });
  }
}
