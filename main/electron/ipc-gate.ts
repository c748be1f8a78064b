/**
 * What the main process does with one IPC request (no electron import, so it is tested):
 * only a window the app opened, showing the app's own page, may call; then the request goes
 * through the same dispatch (contract validation, handler, result check) as the web host.
 */
import type { Channel, HostResult } from '../../app/protocol';
import { err } from '../../app/result';
import { dispatch } from '../node/host/dispatch';
import type { Handlers, HostContext } from '../node/host/types';
import { isAppUrl } from './window-options';

export interface IpcSender {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

export function ipcGate(handlers: Handlers, contextOf: (webContentsId: number) => HostContext | undefined) {
  return (channel: Channel) =>
    async (event: IpcSender, args: unknown): Promise<HostResult<unknown>> => {
      const ctx = contextOf(event.sender.id);
      if (!ctx || !event.senderFrame || !isAppUrl(event.senderFrame.url)) {
        return err({ code: 'denied', message: `${channel}: request from a page that is not Netloom` });
      }
      return dispatch(handlers, channel, args, ctx);
    };
}
