/** Every channel of the contract, implemented once for both transports. */
import { readdir } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { err, ok } from '../../../app/result';
import { probeBackends } from './backends';
import { projectHandlers } from './project';
import { trainingHandlers } from './training';
import { exportHandlers } from './export';
import type { Handlers, HostServices } from './types';

const platformOf = (p: NodeJS.Platform) => (p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other');
const unavailable = (what: string) =>
  err({ code: 'unavailable' as const, message: `${what} exists only in the web host (netloom serve)` });

export function createHandlers(s: HostServices): Handlers {
  return {
    'app.info': async () =>
      ok({
        name: 'netloom' as const,
        version: s.version,
        platform: platformOf(process.platform),
        host: s.kind,
        electron: s.kind === 'electron',
        backends: probeBackends(),
        workspace: s.paths.workspace,
      }),
    'window.setDocumentState': async (state, ctx) => {
      ctx.setDocumentState?.(state);
      return ok({ ok: true as const });
    },
    ...projectHandlers(s),
    ...trainingHandlers(s),
    ...exportHandlers(s),
    'autosave.write': async ({ projectKey, text, path }) => ok(await s.autosaves.write(projectKey, text, path)),
    'autosave.list': async () => ok(await s.autosaves.list()),
    'autosave.restore': ({ projectKey }) => s.autosaves.restore(projectKey),
    'autosave.discard': async ({ projectKey }) => {
      await s.autosaves.discard(projectKey);
      return ok({ ok: true as const });
    },
    'templates.list': async () => ok(s.templates.list()),
    'templates.build': async ({ name }) => {
      const text = s.templates.build(name);
      return text.ok ? ok({ name, text: text.value }) : text;
    },
    'dialog.openFile': async (options, ctx) => {
      const chosen = await ctx.dialogs.openFile(options);
      if (chosen === null) return ok(null);
      const granted = await s.paths.grant(chosen);
      return granted.ok ? ok({ path: granted.value }) : granted;
    },
    'dialog.saveFile': async (options, ctx) => {
      const chosen = await ctx.dialogs.saveFile(options);
      if (chosen === null) return ok(null);
      const granted = await s.paths.grant(chosen);
      return granted.ok ? ok({ path: granted.value }) : granted;
    },
    'dialog.answer': async ({ id, path }, ctx) =>
      ctx.dialogs.answer ? ctx.dialogs.answer(id, path) : unavailable('dialog.answer'),
    'workspace.list': async ({ dir }) => {
      const root = s.paths.workspace;
      if (!root) return unavailable('workspace.list');
      const allowed = await s.paths.check(resolve(root, dir));
      if (!allowed.ok) return allowed;
      try {
        const dirents = await readdir(allowed.value, { withFileTypes: true });
        const entries = dirents
          .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || d.isFile()))
          .map((d) => ({ name: d.name, kind: d.isDirectory() ? ('dir' as const) : ('file' as const) }))
          .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
        return ok({ dir: relative(root, allowed.value), root, entries });
      } catch {
        return err({ code: 'not-found', message: `${dir || '.'}: not a folder in ${root}` });
      }
    },
  };
}
