// Issue 8, "nothing lost": the server is killed (SIGKILL) with an autosaved document; the next
// start offers the recovery file and restores it byte for byte.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../host/test-host';

const bin = fileURLToPath(new URL('../../../bin/netloom', import.meta.url));

async function startServe(dir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--dir', dir], {
    env: { ...process.env, ...env },
  });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+token=[0-9a-f]+)/.exec(out);
      if (m) resolve(new URL(m[1]!));
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { child, url };
}

function session(url: URL) {
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, {
    origin: `http://${url.host}`,
  });
  let id = 0;
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on('message', (d) => {
    const msg = JSON.parse(String(d)) as { type: string; id: number; result: unknown };
    if (msg.type === 'result') waiting.get(msg.id)?.(msg.result);
  });
  const opened = new Promise((r) => ws.once('open', r));
  const invoke = async (channel: string, args: unknown = {}) => {
    await opened;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return new Promise<{ ok: boolean; value?: any; error?: unknown }>((resolve) => {
      const n = ++id;
      waiting.set(n, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ type: 'invoke', id: n, channel, args }));
    });
  };
  return { invoke, close: () => ws.terminate() };
}

describe('recovery after a crash', () => {
  it('offers and restores exactly the autosaved text after SIGKILL', async () => {
    const dir = await tempDir();
    const dataDir = await tempDir();
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
    const env = { NETLOOM_UI_DIR: dir, NETLOOM_DATA_DIR: dataDir };
    const text = `{"format":"netloom","version":1,"name":"Net ✓ 名前","nodes":[],"edges":[],"modules":[]}\n`;

    const first = await startServe(dir, env);
    const a = session(first.url);
    expect(await a.invoke('autosave.write', { projectKey: 'untitled:42', text })).toMatchObject({ ok: true });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    a.close();

    const second = await startServe(dir, env);
    const b = session(second.url);
    const list = await b.invoke('autosave.list');
    expect(list.value).toEqual([
      expect.objectContaining({ projectKey: 'untitled:42', bytes: Buffer.byteLength(text) }),
    ]);
    expect((await b.invoke('autosave.restore', { projectKey: 'untitled:42' })).value.text).toBe(text);
    b.close();
    second.child.kill('SIGINT');
    await new Promise((r) => second.child.once('exit', r));
  });
});
