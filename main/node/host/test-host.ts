/** Test helpers: a host over temporary folders, and a person who answers dialogs with given paths. */
import { mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../../app/protocol';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { PathPolicy } from './paths';
import { createServices } from './services';
import type { Dialogs, HostContext } from './types';

export async function tempDir(prefix = 'netloom-host-'): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

/** A person at the dialogs: each call takes the next answer (a path, or null for Cancel). */
export function answeringDialogs(answers: (string | null)[]): Dialogs {
  const next = async () => (answers.length ? answers.shift()! : null);
  return { openFile: next, saveFile: next };
}

export async function makeHost(opts: { kind: 'electron' | 'web'; workspace?: string; answers?: (string | null)[] }) {
  const dataDir = await tempDir('netloom-data-');
  const paths = new PathPolicy(opts.workspace ? { confine: opts.workspace } : {});
  const services = createServices({ kind: opts.kind, dataDir, paths });
  const handlers = createHandlers(services);
  const events: { event: EventName; payload: unknown }[] = [];
  const ctx: HostContext = {
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
    dialogs: answeringDialogs(opts.answers ?? []),
  };
  const call = (channel: string, args?: unknown) => dispatch(handlers, channel, args, ctx);
  return { dataDir, paths, services, handlers, ctx, events, call };
}

/** Polls until `get` returns a value (generous, for a loaded machine). */
export async function until<T>(get: () => T | undefined, ms = 120_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Trains a project text on the wasm backend through a fresh web host; its train.done payload and the host. */
export async function trainToDone(text: string, training: Record<string, unknown>) {
  const host = await makeHost({ kind: 'web', workspace: await tempDir() });
  const r = await host.call('train.start', { text, training, backend: 'wasm' });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const done = await until(
    () => host.events.find((e) => e.event === 'train.done')?.payload as EventPayload<'train.done'> | undefined,
  );
  return { host, done };
}
