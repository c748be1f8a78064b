import { describe, expect, it } from 'vitest';
import { makeHost, tempDir } from '../node/host/test-host';
import { ipcGate } from './ipc-gate';
import { isAppUrl } from './window-options';

describe('the main process IPC gate', () => {
  it('knows the app origin', () => {
    expect(isAppUrl('app://netloom/index.html')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'https://netloom/index.html',
      'file:///etc/passwd',
      'devtools://x',
      'not a url',
      'app://netloom.evil.com/',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('answers only the app page of a window it opened, through the contract', async () => {
    const { handlers, ctx } = await makeHost({ kind: 'electron' });
    const gate = ipcGate(handlers, (id) => (id === 1 ? ctx : undefined));
    const app = { sender: { id: 1 }, senderFrame: { url: 'app://netloom/index.html' } };
    expect(await gate('templates.list')(app, {})).toMatchObject({ ok: true });
    expect(await gate('templates.list')({ sender: { id: 2 }, senderFrame: app.senderFrame }, {})).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
    expect(
      await gate('templates.list')({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, {}),
    ).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(await gate('templates.list')({ sender: { id: 1 }, senderFrame: null }, {})).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
    expect(await gate('project.open')(app, { path: 5 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const outside = await tempDir();
    expect(await gate('project.open')(app, { path: `${outside}/x.json` })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
  });
});
