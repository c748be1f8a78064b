/**
 * The web transport: a WebSocket to `netloom serve` on the page's own origin. The token comes
 * from the page URL (`?token=`), is kept in memory, and is removed from the address bar; the
 * server also set a cookie with it, so a reload keeps working. Reconnects when the link drops.
 */
import { ServerMessage, type Channel, type HostResult } from '../../app/protocol';
import type { ConnectionState, HostApi } from './api';
import { Listeners } from './listeners';

type Pending = { channel: Channel; resolve: (r: HostResult<unknown>) => void };

export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.toString());
  }
  return token;
}

export function webSocketHost(options: { token: string | null; url?: string }): HostApi {
  const listeners = new Listeners();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let nextId = 1;
  let retry = 250;
  let socket: WebSocket;
  let state: ConnectionState = 'connecting';

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };
  const wsUrl = () => {
    const base = options.url ?? `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
    return options.token ? `${base}?token=${encodeURIComponent(options.token)}` : base;
  };

  function open(): void {
    socket = new WebSocket(wsUrl());
    socket.addEventListener('open', () => {
      retry = 250;
      setState('open');
      for (const text of queue.splice(0)) socket.send(text);
    });
    socket.addEventListener('message', (e) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(e.data));
      } catch {
        return;
      }
      const msg = ServerMessage.safeParse(parsed);
      if (!msg.success) return;
      if (msg.data.type === 'event') {
        listeners.deliver(msg.data.event, msg.data.payload);
        return;
      }
      const p = pending.get(msg.data.id);
      if (!p) return;
      pending.delete(msg.data.id);
      // The server's dispatch checked the answer against the contract before sending it; the
      // envelope (ServerMessage) is all that is parsed here, and the answer keeps its type.
      p.resolve(msg.data.result);
    });
    socket.addEventListener('close', () => {
      for (const [id, p] of pending) {
        pending.delete(id);
        p.resolve({
          ok: false,
          error: {
            code: 'unavailable',
            message: `${p.channel}: the connection to netloom serve was lost; is it still running?`,
          },
        });
      }
      setState('closed');
      setTimeout(() => {
        setState('connecting');
        open();
      }, retry);
      retry = Math.min(retry * 2, 5000);
    });
  }
  open();

  return {
    kind: 'web',
    get connection() {
      return state;
    },
    onConnection(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    invoke(channel, ...[args]) {
      // Typed by the contract here; the server checks the arguments at its boundary (dispatch).
      const id = nextId++;
      const text = JSON.stringify({ type: 'invoke', id, channel, args: args ?? {} });
      return new Promise((resolve) => {
        pending.set(id, { channel, resolve: resolve as Pending['resolve'] });
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on: (event, listener) => listeners.add(event, listener),
  };
}
