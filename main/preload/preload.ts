/**
 * The preload (sandboxed, context-isolated): exposes `window.netloom` with the contract and
 * nothing else. Channel names are checked against the contract's allow-list and arguments
 * against its schemas before anything is sent; results and events are checked on arrival.
 * No raw ipcRenderer reaches the page. Built to dist/electron/preload.cjs (bundled, CommonJS).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { checkArgs, checkEvent, checkResult, IPC_EVENT, ipcChannelOf, isChannel, isEvent, type NetloomBridge } from '../../app/protocol';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENT, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  const checked = checkEvent(name, payload);
  if (!checked.ok) return;
  for (const listener of listeners.get(name) ?? []) listener(checked.value);
});

const platform = process.platform === 'linux' || process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'other';

const bridge: NetloomBridge = {
  platform,
  async invoke(channel, args) {
    if (!isChannel(channel)) return { ok: false, error: { code: 'bad-request', message: `unknown channel '${String(channel).slice(0, 100)}'` } };
    const checked = checkArgs(channel, args);
    if (!checked.ok) return checked;
    const raw: unknown = await ipcRenderer.invoke(ipcChannelOf(channel), checked.value);
    return checkResult(channel, raw);
  },
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function' || !isEvent(event)) return () => undefined;
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => void set.delete(listener);
  },
};

contextBridge.exposeInMainWorld('netloom', bridge);
