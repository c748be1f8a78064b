/** project.* handlers: open, save and save-as through the path policy, writes atomic. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_PROJECT_TEXT } from '../../../app/protocol';
import { err, ok } from '../../../app/result';
import type { HostResult } from '../../../app/protocol';
import { writeFileAtomic } from './atomic';
import type { Handlers, HostServices } from './types';

type Saved = { path: string; name: string; bytes: number };

function fsError(path: string, e: unknown): HostResult<never> {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return err({ code: 'not-found', message: `${path}: no such file (moved or deleted?)` });
  if (code === 'EACCES' || code === 'EPERM')
    return err({ code: 'denied', message: `${path}: permission denied by the system` });
  if (code === 'EISDIR') return err({ code: 'bad-request', message: `${path}: is a folder, choose a file` });
  return err({ code: 'failed', message: `${path}: ${(e as Error)?.message ?? String(e)}` });
}

async function save(s: HostServices, path: string, text: string): Promise<HostResult<Saved>> {
  const allowed = await s.paths.check(path);
  if (!allowed.ok) return allowed;
  try {
    await writeFileAtomic(allowed.value, text);
  } catch (e) {
    return fsError(path, e);
  }
  await s.recent.add(allowed.value).catch(() => undefined);
  return ok({ path: allowed.value, name: basename(allowed.value), bytes: Buffer.byteLength(text) });
}

export function projectHandlers(
  s: HostServices,
): Pick<Handlers, 'project.open' | 'project.save' | 'project.saveAs' | 'project.recent'> {
  return {
    'project.open': async ({ path }) => {
      const allowed = await s.paths.check(path);
      if (!allowed.ok) return allowed;
      try {
        const info = await stat(allowed.value);
        if (info.isDirectory())
          return err({ code: 'bad-request', message: `${path}: is a folder, choose a project file` });
        if (info.size > MAX_PROJECT_TEXT)
          return err({
            code: 'bad-request',
            message: `${path}: ${info.size} bytes is larger than a project file can be (64 MiB)`,
          });
        const text = await readFile(allowed.value, 'utf8');
        await s.recent.add(allowed.value).catch(() => undefined);
        return ok({ path: allowed.value, name: basename(allowed.value), text });
      } catch (e) {
        return fsError(path, e);
      }
    },
    'project.save': ({ path, text }) => save(s, path, text),
    'project.saveAs': async ({ text, suggestedName }, ctx) => {
      const chosen = await ctx.dialogs.saveFile({
        suggestedName,
        title: 'Save project',
        filters: [{ name: 'Netloom project', extensions: ['json'] }],
      });
      if (chosen === null) return ok(null);
      const granted = await s.paths.grant(chosen);
      if (!granted.ok) return granted;
      return save(s, granted.value, text);
    },
    'project.recent': async () => {
      const entries = await s.recent.list();
      const usable = [];
      for (const e of entries) if ((await s.paths.check(e.path)).ok) usable.push(e);
      return ok(usable);
    },
  };
}
