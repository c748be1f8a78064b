import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../app/protocol';
import { createHandlers } from './handlers';
import { makeHost, tempDir } from './test-host';

const PROJECT = '{"format":"netloom","version":1,"name":"Net","nodes":[],"edges":[],"modules":[]}';

describe('host handlers', () => {
  it('handle every channel of the contract (runtime check of the map)', async () => {
    const { services } = await makeHost({ kind: 'web', workspace: await tempDir() });
    const handlers = createHandlers(services);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('report the app, the host kind and the backends', async () => {
    const ws = await tempDir();
    const { call } = await makeHost({ kind: 'web', workspace: ws });
    const r = await call('app.info');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const info = r.value as {
      host: string;
      electron: boolean;
      workspace: string;
      backends: { name: string; available: boolean }[];
    };
    expect(info).toMatchObject({ host: 'web', electron: false, workspace: ws });
    expect(info.backends.map((b) => b.name)).toEqual(['webgpu', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    expect(info.backends.find((b) => b.name === 'cpu')?.available).toBe(true);
    expect(info.backends[0]).toMatchObject({ name: 'webgpu', available: true });
  });

  it('save, open and list recent files inside the workspace', async () => {
    const ws = await tempDir();
    const { call } = await makeHost({ kind: 'web', workspace: ws });
    const saved = await call('project.save', { path: 'nets/lenet.json', text: PROJECT });
    expect(saved.ok).toBe(false); // the folder does not exist: an error value, not a crash
    await mkdir(join(ws, 'nets'));
    expect(await call('project.save', { path: 'nets/lenet.json', text: PROJECT })).toMatchObject({
      ok: true,
      value: { path: join(ws, 'nets/lenet.json'), bytes: PROJECT.length },
    });
    expect(await readFile(join(ws, 'nets/lenet.json'), 'utf8')).toBe(PROJECT);
    expect(await call('project.open', { path: join(ws, 'nets/lenet.json') })).toMatchObject({
      ok: true,
      value: { name: 'lenet.json', text: PROJECT },
    });
    const recent = await call('project.recent');
    expect(recent).toMatchObject({ ok: true, value: [{ path: join(ws, 'nets/lenet.json'), name: 'lenet.json' }] });
    expect((await readdir(join(ws, 'nets'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuse path traversal and symbolic links out of the workspace', async () => {
    const ws = await tempDir();
    const outside = await tempDir('netloom-outside-');
    await writeFile(join(outside, 'secret.json'), 'secret');
    await symlink(outside, join(ws, 'link'));
    const { call } = await makeHost({ kind: 'web', workspace: ws });
    for (const path of [
      '../secret.json',
      `${ws}/../${outside.split('/').pop()}/secret.json`,
      join(outside, 'secret.json'),
      'link/secret.json',
      '/etc/passwd',
    ]) {
      const open = await call('project.open', { path });
      expect(open, path).toMatchObject({ ok: false, error: { code: 'denied' } });
      const save = await call('project.save', { path, text: 'pwned' });
      expect(save, path).toMatchObject({ ok: false, error: { code: 'denied' } });
    }
    expect(await readFile(join(outside, 'secret.json'), 'utf8')).toBe('secret');
    expect(await call('workspace.list', { dir: '..' })).toMatchObject({ ok: false, error: { code: 'denied' } });
  });

  it('in the desktop host, only allow files chosen in a dialog and their project folder', async () => {
    const dir = await tempDir();
    const other = await tempDir('netloom-other-');
    await writeFile(join(other, 'x.json'), PROJECT);
    const { call } = await makeHost({ kind: 'electron', answers: [join(dir, 'a.json'), null] });
    expect(await call('project.open', { path: join(other, 'x.json') })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
    expect(await call('project.save', { path: join(dir, 'a.json'), text: PROJECT })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
    expect(await call('dialog.saveFile', {})).toEqual({ ok: true, value: { path: join(dir, 'a.json') } });
    expect(await call('project.save', { path: join(dir, 'a.json'), text: PROJECT })).toMatchObject({ ok: true });
    expect(await call('project.save', { path: join(dir, 'b.json'), text: PROJECT })).toMatchObject({ ok: true }); // same project folder
    expect(await call('project.open', { path: join(other, 'x.json') })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
    expect(await call('dialog.openFile', {})).toEqual({ ok: true, value: null }); // cancelled
    expect(await call('project.open', { path: 'relative.json' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await call('workspace.list', { dir: '' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('save as: asks, writes, and returns null when cancelled', async () => {
    const dir = await tempDir();
    const { call } = await makeHost({ kind: 'electron', answers: [join(dir, 'net.json'), null] });
    expect(await call('project.saveAs', { text: PROJECT, suggestedName: 'net.json' })).toMatchObject({
      ok: true,
      value: { path: join(dir, 'net.json') },
    });
    expect(await readFile(join(dir, 'net.json'), 'utf8')).toBe(PROJECT);
    expect(await call('project.saveAs', { text: PROJECT })).toEqual({ ok: true, value: null });
  });

  it('autosave, list, restore exactly, discard', async () => {
    const { call, dataDir } = await makeHost({ kind: 'web', workspace: await tempDir() });
    const text = `${PROJECT}\n// unicode 名前 ✓`;
    expect(await call('autosave.write', { projectKey: 'untitled:1', text })).toMatchObject({ ok: true });
    expect(await call('autosave.write', { projectKey: '../../etc/passwd', text: 'x' })).toMatchObject({ ok: true });
    const list = await call('autosave.list');
    expect(list.ok && (list.value as { projectKey: string }[]).map((e) => e.projectKey).sort()).toEqual([
      '../../etc/passwd',
      'untitled:1',
    ]);
    expect((await readdir(join(dataDir, 'autosave'))).every((n) => /^[0-9a-f]{32}\.json$/.test(n))).toBe(true);
    expect(await call('autosave.restore', { projectKey: 'untitled:1' })).toMatchObject({ ok: true, value: { text } });
    expect(await call('autosave.discard', { projectKey: 'untitled:1' })).toEqual({ ok: true, value: { ok: true } });
    expect(await call('autosave.restore', { projectKey: 'untitled:1' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('list and build templates as project text', async () => {
    const { call } = await makeHost({ kind: 'web', workspace: await tempDir() });
    const list = await call('templates.list');
    expect(list.ok && (list.value as { name: string }[]).some((t) => t.name === 'lenet5')).toBe(true);
    const built = await call('templates.build', { name: 'lenet5' });
    expect(built.ok && JSON.parse((built.value as { text: string }).text)).toMatchObject({
      format: 'netloom',
      version: 1,
    });
    expect(await call('templates.build', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('turn bad requests into error values', async () => {
    const { call } = await makeHost({ kind: 'web', workspace: await tempDir() });
    expect(await call('project.open', { path: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('constructor', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
