/**
 * Attacks on a live `netloom serve` (127.0.0.1 only, bounded counts): the requests of issue 13
 * that ended the process (`//`, the cookie `netloom-token-PORT=%`, the same on /ws), then
 * fast-check over raw request lines, headers, cookies, upgrade requests and WebSocket frames.
 * After each, the server must still answer an authenticated request.
 */
import fc from 'fast-check';
import { connect as tcp } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHandlers } from '../host/handlers';
import { PathPolicy } from '../host/paths';
import { createServices } from '../host/services';
import { tempDir } from '../host/test-host';
import { startWebHost, type WebHost } from './server';

let host: WebHost;
const logged: string[] = [];
const cookie = () => `netloom-token-${host.port}=${host.token}`;

/** Sends raw bytes on a fresh TCP connection; resolves with what came back (or '' when the server closed it). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcp({ host: '127.0.0.1', port: host.port });
    let got = '';
    const done = () => {
      socket.destroy();
      resolve(got);
    };
    socket.setTimeout(5_000, done);
    socket.on('data', (d) => {
      got += String(d);
      // One response is enough: HTTP bodies of refusals are short.
      if (/\r\n\r\n/.test(got)) setTimeout(done, 5);
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

const status = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

/** The server is alive: an authenticated GET is served and a WebSocket answers app.info. */
async function alive(): Promise<void> {
  expect(
    status(
      await raw(`GET /?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`),
    ),
  ).toBe(200);
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers: { Cookie: cookie() } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const answer = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
  ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app.info', args: {} }));
  expect(JSON.parse(await answer)).toMatchObject({ type: 'result', id: 1, result: { ok: true } });
  ws.close();
}

const upgradeHead = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

beforeAll(async () => {
  const workspace = await tempDir('netloom-fuzz-ws-');
  const ui = await tempDir('netloom-fuzz-ui-');
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>Netloom</title>');
  const services = createServices({
    kind: 'web',
    dataDir: await tempDir('netloom-fuzz-data-'),
    paths: new PathPolicy({ confine: workspace }),
  });
  host = await startWebHost({
    handlers: createHandlers(services),
    rendererDir: ui,
    host: '127.0.0.1',
    port: 0,
    log: (line) => logged.push(line),
  });
});
afterAll(() => host?.close());

describe('netloom serve survives the attacks of issue 13', () => {
  it('GET // (with and without the token) is answered, not thrown', async () => {
    expect(status(await raw(`GET // HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`))).toBe(401);
    expect(status(await raw(`GET //?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`))).toBe(404);
    expect(status(await raw(`GET //x/../ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`))).toBe(401);
    await alive();
  });

  it('a cookie netloom-token-PORT=% is no token (401), over HTTP and on /ws', async () => {
    expect(
      status(
        await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: netloom-token-${host.port}=%\r\n\r\n`),
      ),
    ).toBe(401);
    expect(status(await raw(upgradeHead('/ws', `Cookie: netloom-token-${host.port}=%E0%A4%A\r\n`)))).toBe(401);
    expect(status(await raw(upgradeHead('//')))).toBe(404);
    await alive();
  });

  it('a WebSocket message that is not an invoke is answered bad-request with its id, and logged', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers: { Cookie: cookie() } });
    await new Promise((resolve) => ws.once('open', resolve));
    const answer = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
    const before = logged.length;
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 42 }));
    expect(JSON.parse(await answer)).toMatchObject({
      type: 'result',
      id: 7,
      result: { ok: false, error: { code: 'bad-request' } },
    });
    expect(logged.length).toBe(before + 1);
    expect(logged.at(-1)).toMatch(/^netloom serve: 400 for a WebSocket message/);
    ws.close();
    await alive();
  });

  it('fuzz: request lines, headers and cookies', async () => {
    const pathChars = fc.constantFrom(
      '/',
      '%',
      '?',
      '#',
      '.',
      'a',
      '=',
      '&',
      ':',
      '@',
      '\\',
      '%2e',
      '%00',
      '%zz',
      '%E0%A4%A',
      'é',
      'token',
    );
    const path = fc.oneof(
      fc.constantFrom('//', '///', '/%', '*', 'http://x//', '//@', '/?%', '/..%2f..%2f'),
      fc.array(pathChars, { maxLength: 12 }).map((p) => p.join('')),
    );
    const headerValue = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('%', '%%', '=%', 'a=%E0', ';;;', '=', ''),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'BREW'),
      path,
      cookie: fc.option(headerValue.map((v) => `netloom-token-${host.port}=${v}; other=${v}`)),
      origin: fc.option(headerValue),
      hostHeader: fc.oneof(fc.constant(`127.0.0.1:${host.port}`), headerValue),
      withToken: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const target = r.withToken ? `${r.path}${r.path.includes('?') ? '&' : '?'}token=${host.token}` : r.path;
        const headers = [
          `Host: ${r.hostHeader}`,
          r.cookie !== null ? `Cookie: ${r.cookie}` : '',
          r.origin !== null ? `Origin: ${r.origin}` : '',
        ]
          .filter(Boolean)
          .map((h) => `${h.replace(/[\r\n]/g, '')}\r\n`)
          .join('');
        const code = status(
          await raw(
            Buffer.from(
              `${r.method} ${target.replace(/[\s]/g, '')} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`,
              'latin1',
            ),
          ),
        );
        // Node's parser may refuse a malformed request itself (400) or close the connection (0); never a 5xx.
        expect(code === 0 || (code >= 200 && code < 500)).toBe(true);
      }),
      { numRuns: 150 },
    );
    await alive();
  });

  it('fuzz: upgrade requests', async () => {
    const upgrade = fc.record({
      path: fc.oneof(
        fc.constantFrom('/ws', '//', '/ws?token=%', '/ws?%', '*'),
        fc.string({ maxLength: 20 }).map((s) => `/${s.replace(/[\s]/g, '')}`),
      ),
      cookie: fc.oneof(
        fc.constant(cookie()),
        fc.string({ maxLength: 30 }).map((v) => `netloom-token-${host.port}=${v.replace(/[\r\n]/g, '')}`),
      ),
      key: fc.oneof(
        fc.constant('dGhlIHNhbXBsZSBub25jZQ=='),
        fc.string({ maxLength: 30 }).map((k) => k.replace(/[\r\n]/g, '')),
      ),
      version: fc.constantFrom('13', '8', '', 'x'),
    });
    await fc.assert(
      fc.asyncProperty(upgrade, async (u) => {
        const head =
          `GET ${u.path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${u.key}\r\nSec-WebSocket-Version: ${u.version}\r\nCookie: ${u.cookie}\r\n\r\n`;
        const code = status(await raw(Buffer.from(head, 'latin1')));
        expect(code === 0 || (code >= 101 && code < 500)).toBe(true);
      }),
      { numRuns: 80 },
    );
    await alive();
  });

  it('fuzz: WebSocket frames (text, binary, JSON that is almost an invoke)', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers: { Cookie: cookie() } });
    await new Promise((resolve) => ws.once('open', resolve));
    const frame = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'undefined'),
      fc
        .record({
          type: fc.constantFrom('invoke', 'result', 'event'),
          id: fc.oneof(fc.integer(), fc.double(), fc.string()),
          channel: fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom('data.info', 'runs.get', 'project.open', '__proto__'),
          ),
          args: fc.anything({ maxDepth: 2 }),
        })
        .map((m) => JSON.stringify(m)),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        ws.send(f);
      }),
      { numRuns: 200 },
    );
    // The connection that received the frames is still served.
    const answer = new Promise<string>((resolve) => {
      const on = (d: WebSocket.RawData) => {
        const m = JSON.parse(String(d)) as { id?: number };
        if (m.id === 424242) {
          ws.off('message', on);
          resolve(String(d));
        }
      };
      ws.on('message', on);
    });
    ws.send(JSON.stringify({ type: 'invoke', id: 424242, channel: 'app.info', args: {} }));
    expect(JSON.parse(await answer)).toMatchObject({ result: { ok: true } });
    ws.close();
    await alive();
  });
});
