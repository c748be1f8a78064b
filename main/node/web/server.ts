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
import { parseTarget, printable, reason, requestLog, type RequestTarget } from './guard';
import {
  cookieName,
  hostAllowed,
  isLoopback,
  newToken,
  originAllowed,
  readCookie,
  securityHeaders,
  tokensEqual,
} from './security';
import { fileFor, sendFile } from './static';

export interface WebHostOptions {
  handlers: Handlers;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  /** Where the one-line reports of refused or failed requests go (default: stderr). */
  log?: (line: string) => void;
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

  const log = requestLog(opts.log ?? ((line) => console.error(line)));
  const describe = (req: IncomingMessage) => `${printable(req.method ?? '?', 16)} ${printable(req.url ?? '', 80)}`;

  const authorized = (req: IncomingMessage, url: RequestTarget) =>
    tokensEqual(url.searchParams.get('token'), token) || tokensEqual(readCookie(req, cookieName(port)), token);

  /** Why a request is refused, or null when it may pass. */
  const refusal = (req: IncomingMessage, url: RequestTarget): [number, string] | null => {
    if (!hostAllowed(req.headers.host, host, port)) return [403, 'unexpected Host header'];
    if (!originAllowed(req.headers.origin, req.headers.host)) return [403, 'requests from other sites are refused'];
    if (!authorized(req, url))
      return [401, 'missing or wrong token: open the URL that `netloom serve` printed (it ends with ?token=...)'];
    return null;
  };

  /** The guard around every HTTP request: whatever throws answers 400 and logs one line. */
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((e: unknown) => {
      log(`400 for ${describe(req)}: ${reason(e)}`);
      try {
        if (res.headersSent) res.destroy();
        else
          res
            .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
            .end('Netloom: bad request\n');
      } catch {
        res.destroy();
      }
    });
  });
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseTarget(req.url);
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
    // After an upgrade the HTTP server no longer watches the socket: a reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    try {
      const url = parseTarget(req.url);
      const refused = url.pathname === '/ws' ? refusal(req, url) : ([404, 'not found'] as [number, string]);
      if (refused) {
        socket.end(
          `HTTP/1.1 ${refused[0]} ${refused[0] === 401 ? 'Unauthorized' : refused[0] === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          connect(ws);
        } catch (e) {
          log(`connection refused after upgrade: ${reason(e)}`);
          ws.terminate();
        }
      });
    } catch (e) {
      log(`400 for upgrade ${describe(req)}: ${reason(e)}`);
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    }
  });

  function connect(ws: WebSocket): void {
    sockets.add(ws);
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (ws.readyState !== ws.OPEN) return;
      try {
        ws.send(JSON.stringify({ type: 'event', event, payload }));
      } catch (e) {
        log(`could not send ${event}: ${reason(e)}`);
      }
    };
    const dialogs = webDialogs(emit);
    const ctx: HostContext = { emit, dialogs };
    const answer = (id: number, result: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      try {
        ws.send(JSON.stringify({ type: 'result', id, result }));
      } catch (e) {
        log(`could not answer request ${id}: ${reason(e)}`);
      }
    };
    /** A message that is not an invoke of the contract: bad-request (the contract's 400) to its id when it has one, and one log line. */
    const refuse = (parsed: unknown, why: string) => {
      log(`400 for a WebSocket message: ${why}`);
      const id = (parsed as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0)
        answer(id, { ok: false, error: { code: 'bad-request', message: `bad message: ${why}` } });
    };
    ws.on('message', (data, isBinary) => {
      let parsed: unknown = null;
      try {
        if (isBinary) return refuse(null, 'binary frames are not part of the contract');
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return refuse(null, 'not JSON');
        }
        const msg = InvokeMessage.safeParse(parsed);
        if (!msg.success) return refuse(parsed, 'not an invoke message ({type: "invoke", id, channel, args})');
        const { id, channel, args } = msg.data;
        dispatch(opts.handlers, channel, args, ctx).then(
          (result) => answer(id, result),
          (e: unknown) => {
            log(`${printable(channel, 100)} failed: ${reason(e)}`);
            answer(id, { ok: false, error: { code: 'failed', message: `${printable(channel, 100)}: ${reason(e)}` } });
          },
        );
      } catch (e) {
        refuse(parsed, reason(e));
      }
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
