import { describe, expect, it } from 'vitest';
import { IPC_EVENT } from '../../app/protocol';
import { createBridge, type IpcPair } from './bridge';

/** An IPC pair that records what the bridge sends and answers like the main process would. */
function ipcPair(answer: (channel: string, args: unknown) => unknown) {
  const sent: { channel: string; args: unknown }[] = [];
  let deliver: (event: unknown, ...args: unknown[]) => void = () => undefined;
  const ipc: IpcPair = {
    invoke: async (channel, args) => (sent.push({ channel, args }), answer(channel, args)),
    on: (channel, listener) => void (channel === IPC_EVENT && (deliver = listener)),
  };
  return { ipc, sent, emit: (name: unknown, payload: unknown) => deliver({}, name, payload) };
}

/** The bridge as an untrusted page sees it: it may call with any channel, event and arguments. */
const untyped = (b: ReturnType<typeof createBridge>) =>
  b as unknown as {
    invoke(channel: string, args: unknown): Promise<unknown>;
    on(event: string, listener: (payload: unknown) => void): () => void;
  };

describe('the preload bridge', () => {
  it('exposes the contract and nothing else', () => {
    const bridge = createBridge(ipcPair(() => null).ipc, 'linux');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'platform']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge.platform).toBe('linux');
  });

  it('refuses unknown channels and bad arguments without sending anything', async () => {
    const { ipc, sent } = ipcPair(() => ({ ok: true, value: null }));
    const bridge = untyped(createBridge(ipc, 'linux'));
    expect(await bridge.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await bridge.invoke('__proto__', {})).toMatchObject({ ok: false });
    expect(await bridge.invoke('project.open', { path: 42 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await bridge.invoke('project.save', { path: '/a.json', text: '{}', exec: 'rm -rf /' })).toMatchObject({
      ok: false,
    });
    expect(sent).toEqual([]);
  });

  it('sends checked arguments on the prefixed channel and passes the answer on as the host sent it', async () => {
    // The host's dispatch checks each answer before it leaves the main process
    // (main/node/host/dispatch.test.ts); the preload does not parse it a second time.
    const answer = { ok: true, value: { path: '/a.json', name: 'a.json', text: '{}' } };
    const { ipc, sent } = ipcPair(() => answer);
    const bridge = createBridge(ipc, 'darwin');
    expect(await bridge.invoke('project.open', { path: '/a.json' })).toBe(answer);
    expect(sent).toEqual([{ channel: 'netloom:project.open', args: { path: '/a.json' } }]);
  });

  it('delivers only events of the contract with valid payloads', () => {
    const { ipc, emit } = ipcPair(() => null);
    const bridge = untyped(createBridge(ipc, 'win32'));
    const got: unknown[] = [];
    const stop = bridge.on('app.command', (p) => got.push(p));
    expect(bridge.on('shell.exec', () => got.push('never'))).toBeTypeOf('function');
    emit('app.command', { command: 'edit.undo' });
    emit('app.command', { command: 'rm -rf' });
    emit('shell.exec', {});
    emit(42, {});
    stop();
    emit('app.command', { command: 'edit.redo' });
    expect(got).toEqual([{ command: 'edit.undo' }]);
  });
});
