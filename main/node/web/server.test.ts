import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../host/test-host';
import type { WebHost } from './server';
import { nonLoopbackWarning, serveWorkspace } from './start';

let host: WebHost;
let workspace: string;

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with it when open, or with the HTTP status that refused it. */
function connect(
  path: string,
  opts: { origin?: string; headers?: Record<string, string> } = {},
): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { origin: opts.origin, headers: opts.headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

function client(ws: WebSocket) {
  let id = 0;
  const events: { event: string; payload: unknown }[] = [];
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as {
      type: string;
      id: number;
      event: string;
      payload: unknown;
      result: unknown;
    };
    if (msg.type === 'event') events.push(msg);
    else waiting.get(msg.id)?.(msg.result);
  });
  const invoke = (channel: string, args: unknown = {}) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    new Promise<any>((resolve) => {
      const n = ++id;
      waiting.set(n, resolve);
      ws.send(JSON.stringify({ type: 'invoke', id: n, channel, args }));
    });
  return { invoke, events };
}

beforeAll(async () => {
  workspace = await tempDir('netloom-ws-');
  const ui = await tempDir('netloom-ui-');
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>Netloom</title>');
  await mkdir(join(ui, 'assets'));
  await writeFile(join(ui, 'assets', 'app.js'), 'console.log(1)');
  const started = await serveWorkspace({
    dir: workspace,
    host: '127.0.0.1',
    port: 0,
    rendererDir: ui,
    dataDir: await tempDir('netloom-data-'),
  });
  if (!started.ok) throw new Error(started.error);
  host = started.value;
});
afterAll(() => host?.close());

describe('netloom serve: HTTP', () => {
  it('prints a loopback URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
    expect(host.loopback).toBe(true);
  });

  it('refuses requests without the right token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${host.token}x`)).status).toBe(401);
    expect((await get('/', { Cookie: `netloom-token-${host.port}=nope` })).status).toBe(401);
  });

  it('serves the page with the token, sets a cookie and a strict CSP', async () => {
    const r = await get(`/?token=${host.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Netloom</title>');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    const cookie = `netloom-token-${host.port}=${host.token}`;
    expect((await get('/assets/app.js', { Cookie: cookie })).status).toBe(200);
    expect((await get('/../../etc/passwd', { Cookie: cookie })).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd', { Cookie: cookie })).status).toBe(404);
  });

  it('refuses other origins and foreign Host headers (DNS rebinding)', async () => {
    expect((await get(`/?token=${host.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status).toBe(403);
  });
});

describe('netloom serve: WebSocket', () => {
  it('refuses a socket without token, with a wrong token, or from another origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    expect(await connect('/ws', { origin })).toBe(401);
    expect(await connect('/ws?token=bad', { origin })).toBe(401);
    expect(await connect(`/ws?token=${host.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`/other?token=${host.token}`, { origin })).toBe(404);
  });

  it('answers invokes with the token, and runs the picker round trip', async () => {
    const ws = await connect('/ws', {
      origin: `http://127.0.0.1:${host.port}`,
      headers: { Cookie: `netloom-token-${host.port}=${host.token}` },
    });
    expect(ws).toBeInstanceOf(WebSocket);
    const c = client(ws as WebSocket);
    expect(await c.invoke('app.info')).toMatchObject({ ok: true, value: { host: 'web', workspace } });
    expect(await c.invoke('project.save', { path: 'a.json', text: '{}' })).toMatchObject({
      ok: true,
      value: { path: join(workspace, 'a.json') },
    });
    expect(await c.invoke('project.open', { path: '../x.json' })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
    expect(await c.invoke('project.open', { path: 7 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const chosen = c.invoke('dialog.openFile', { title: 'Open' });
    await expect.poll(() => c.events.length).toBe(1);
    const show = c.events[0]!.payload as { id: string; kind: string };
    expect(show.kind).toBe('open');
    expect(await c.invoke('workspace.list', { dir: '' })).toMatchObject({
      ok: true,
      value: { entries: [{ name: 'a.json', kind: 'file' }] },
    });
    expect(await c.invoke('dialog.answer', { id: show.id, path: 'a.json' })).toEqual({ ok: true, value: { ok: true } });
    expect(await chosen).toEqual({ ok: true, value: { path: join(workspace, 'a.json') } });
    (ws as WebSocket).close();
  });
});

describe('netloom serve: binding', () => {
  it('knows when it is not on loopback, and the warning says so loudly', async () => {
    const started = await serveWorkspace({
      dir: workspace,
      host: '0.0.0.0',
      port: 0,
      rendererDir: workspace,
      dataDir: await tempDir(),
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.value.loopback).toBe(false);
    await started.value.close();
    expect(nonLoopbackWarning('0.0.0.0')).toMatch(/WARNING: netloom serve is listening on 0\.0\.0\.0, not on loopback/);
  });

  it('reports a bad folder as a value', async () => {
    expect(
      await serveWorkspace({ dir: '/no/such/dir', host: '127.0.0.1', port: 0, rendererDir: workspace }),
    ).toMatchObject({ ok: false });
  });
});
