/**
 * The Electron transport of the host contract: one ipcMain handler per contract channel
 * (nothing else is handled), accepting requests only from the app's own frame, dispatching
 * through the same validation as the web host.
 */
import { ipcMain, type WebContents } from 'electron';
import { CHANNEL_NAMES, IPC_EVENT, ipcChannelOf, type EventName, type EventPayload } from '../../app/protocol';
import { err } from '../../app/result';
import { dispatch } from '../node/host/dispatch';
import type { Handlers, HostContext } from '../node/host/types';
import { isAppUrl } from './security';

const contexts = new Map<number, HostContext>();

export function attachContext(contents: WebContents, ctx: HostContext): () => void {
  contexts.set(contents.id, ctx);
  return () => void contexts.delete(contents.id);
}

export function emitTo<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT, event, payload);
}

export function registerIpc(handlers: Handlers): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannelOf(channel), async (event, args: unknown) => {
      const ctx = contexts.get(event.sender.id);
      if (!ctx || !event.senderFrame || !isAppUrl(event.senderFrame.url)) {
        return err({ code: 'denied', message: `${channel}: request from a page that is not Netloom` });
      }
      return dispatch(handlers, channel, args, ctx);
    });
  }
}
