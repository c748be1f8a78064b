/** The desktop transport: the preload's `window.netloom`, checked again on this side. */
import { checkArgs, checkResult, type NetloomBridge } from '../../app/protocol';
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
      const checked = checkArgs(channel, args ?? {});
      if (!checked.ok) return checked;
      try {
        return checkResult(channel, await bridge.invoke(channel, checked.value));
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
        bridge.on(event, (payload) => listeners.deliver(event, payload));
      }
      return listeners.add(event, listener);
    },
  };
}
