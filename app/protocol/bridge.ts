import type { Channel, ChannelArgs, ChannelResult } from './channels';
import type { EventName, EventPayload } from './events';
import type { HostResult } from './wire';

/**
 * What the Electron preload exposes as `window.netloom` (through contextBridge): the contract
 * and nothing else. The preload is the page's trust boundary: it checks each request's arguments
 * before sending and each event on arrival (main/preload/bridge.ts); answers were checked by the
 * host's dispatch before they left. What it hands the page is typed by the contract and
 * renderer/host does not check it again.
 */
export interface NetloomBridge {
  readonly platform: 'linux' | 'darwin' | 'win32' | 'other';
  invoke<C extends Channel>(channel: C, args: ChannelArgs<C> | undefined): Promise<HostResult<ChannelResult<C>>>;
  /** Returns the function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The IPC channel names used under the hood (prefixed so nothing else in Electron collides). */
export const ipcChannelOf = (channel: string): string => `netloom:${channel}`;
export const IPC_EVENT = 'netloom:event';
