/**
 * The Electron transport of the host contract: one ipcMain handler per contract channel
 * (nothing else is handled), accepting requests only from the app's own frame, dispatching
 * through the same validation as the web host.
 */
import { ipcMain, type WebContents } from 'electron';
import { CHANNEL_NAMES, IPC_EVENT, ipcChannelOf, type EventName, type EventPayload } from '../../app/protocol';
import type { Handlers, HostContext } from '../node/host/types';
import { ipcGate } from './ipc-gate';

const contexts = new Map<number, HostContext>();

export function attachContext(contents: WebContents, ctx: HostContext): () => void {
  contexts.set(contents.id, ctx);
  return () => void contexts.delete(contents.id);
}

export function emitTo<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT, event, payload);
}

export function registerIpc(handlers: Handlers): void {
  const gate = ipcGate(handlers, (id) => contexts.get(id));
  for (const channel of CHANNEL_NAMES) ipcMain.handle(ipcChannelOf(channel), gate(channel));
}
