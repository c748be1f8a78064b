/**
 * The desktop transport: the preload's `window.netloom`. The preload is the trust boundary (it
 * checks arguments, answers and events against the contract), so this side keeps its types and
 * checks nothing again.
 */
import type { NetloomBridge } from '../../app/protocol';
import type { HostApi } from './api';
import { Listeners } from './listeners';

declare global {
  interface Window {
    netloom?: NetloomBridge;
  }
}

export function electronHost(bridge: NetloomBridge): HostApi {
  const listeners = new Listeners();
  const subscribed = new Set<string>();
  return {
    kind: 'electron',
    connection: 'open',
    onConnection: () => () => undefined,
    async invoke(channel, ...[args]) {
      try {
        return await bridge.invoke(channel, args);
      } catch (e) {
        return {
          ok: false,
          error: { code: 'failed', message: `${channel}: ${e instanceof Error ? e.message : String(e)}` },
        };
      }
    },
    on(event, listener) {
      if (!subscribed.has(event)) {
        subscribed.add(event);
        bridge.on(event, (payload) => listeners.emit(event, payload));
      }
      return listeners.add(event, listener);
    },
  };
}
