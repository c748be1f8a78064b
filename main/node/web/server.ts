/**
 * The web host: the built renderer over HTTP and the host contract over a WebSocket, behind
 * the token gate (see security.ts). The same handlers as the desktop app (main/node/host).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { InvokeMessage, type EventName, type EventPayload } from '../../../app/protocol';
import { dispatch } from '../host/dispatch';
import type { Handlers, HostContext } from '../host/types';
import { webDialogs } from './dialogs';
import { cookieName, hostAllowed, isLoopback, newToken, originAllowed, readCookie, securityHeaders, tokensEqual } from './security';
import { fileFor, sendFile } from './static';

export interface WebHostOptions {
  handlers: Handlers;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  loopback: boolean;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const MAX_MESSAGE = 80 * 1024 * 1024;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const sockets = new Set<WebSocket>();
  let port = 0;

  const authorized = (req: IncomingMessage, url: URL) =>
    tokensEqual(url.searchParams.get('token'), token) || tokensEqual(readCookie(req, cookieName(port)), token);

  /** Why a request is refused, or null when it may pass. */
  const refusal = (req: IncomingMessage, url: URL): [number, string] | null => {
    if (!hostAllowed(req.headers.host, host, port)) return [403, 'unexpected Host header'];
    if (!originAllowed(req.headers.origin, req.headers.host)) return [403, 'requests from other sites are refused'];
    if (!authorized(req, url)) return [401, 'missing or wrong token: open the URL that `netloom serve` printed (it ends with ?token=...)'];
    return null;
  };

  const server = createServer((req, res) => void handleHttp(req, res));
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = refusal(req, url);
    const headers = securityHeaders(req.headers.host ?? `${host}:${port}`);
    if (refused) {
      res.writeHead(refused[0], { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Netloom: ${refused[1]}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.searchParams.has('token')) {
      headers['Set-Cookie'] = `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    const file = fileFor(opts.rendererDir, url.pathname);
    if (!file || !(await sendFile(res, file, headers))) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Netloom: not found\n');
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = url.pathname === '/ws' ? refusal(req, url) : ([404, 'not found'] as [number, string]);
    if (refused) {
      socket.end(`HTTP/1.1 ${refused[0]} ${refused[0] === 401 ? 'Unauthorized' : refused[0] === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  function connect(ws: WebSocket): void {
    sockets.add(ws);
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
    };
    const dialogs = webDialogs(emit);
    const ctx: HostContext = { emit, dialogs };
    ws.on('message', (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        return;
      }
      const msg = InvokeMessage.safeParse(parsed);
      if (!msg.success) return;
      void dispatch(opts.handlers, msg.data.channel, msg.data.args, ctx).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: msg.data.id, result }));
      });
    });
    ws.on('close', () => {
      sockets.delete(ws);
      dialogs.cancelAll();
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    loopback: isLoopback(host),
    broadcast(event, payload) {
      const text = JSON.stringify({ type: 'event', event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
