/**
 * The web host's dialogs: the server asks the page that sent the request to show its in-page
 * workspace picker (`dialog.show`), and waits for `dialog.answer`. The answer is a path inside
 * the workspace (the path policy checks it again); a picker left open is cancelled after a while.
 */
import { randomUUID } from 'node:crypto';
import { ok, err } from '../../../app/result';
import type { EventName, EventPayload } from '../../../app/protocol';
import type { Dialogs } from '../host/types';

const TIMEOUT_MS = 30 * 60 * 1000;

export function webDialogs(
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
): Dialogs & { cancelAll(): void } {
  const pending = new Map<string, { resolve: (path: string | null) => void; timer: ReturnType<typeof setTimeout> }>();
  const ask = (show: (id: string) => void) =>
    new Promise<string | null>((resolve) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
      }, TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      show(id);
    });
  return {
    openFile: (options) => ask((id) => emit('dialog.show', { id, kind: 'open', options })),
    saveFile: (options) => ask((id) => emit('dialog.show', { id, kind: 'save', options })),
    answer(id, path) {
      const p = pending.get(id);
      if (!p) return err({ code: 'not-found', message: `no open dialog with id ${id}` });
      pending.delete(id);
      clearTimeout(p.timer);
      p.resolve(path);
      return ok({ ok: true as const });
    },
    cancelAll() {
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        pending.delete(id);
        p.resolve(null);
      }
    },
  };
}
