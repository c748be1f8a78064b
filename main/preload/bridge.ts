/**
 * The object the preload exposes as `window.netloom`, built over an IPC pair so it can be
 * tested without Electron. It holds the contract and nothing else: unknown channels and bad
 * arguments are refused before anything is sent (the page is not trusted), events are checked
 * on arrival, and no IPC object or method reaches the page. Answers are not checked again:
 * the host's `dispatch` checked each one against the contract before it left the main process.
 */
import {
  checkArgs,
  checkEvent,
  IPC_EVENT,
  ipcChannelOf,
  isChannel,
  isEvent,
  type HostResult,
  type NetloomBridge,
} from '../../app/protocol';

export interface IpcPair {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

export function createBridge(ipc: IpcPair, nodePlatform: string): NetloomBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ipc.on(IPC_EVENT, (_event, name, payload) => {
    if (typeof name !== 'string') return;
    const checked = checkEvent(name, payload);
    if (!checked.ok) return;
    for (const listener of listeners.get(name) ?? []) listener(checked.value);
  });
  const platform =
    nodePlatform === 'linux' || nodePlatform === 'darwin' || nodePlatform === 'win32' ? nodePlatform : 'other';
  // The page may call with anything (it is not trusted): each argument is checked here, so the
  // typed signatures of NetloomBridge hold for what goes out and what comes back.
  const invoke = async (channel: string, args: unknown): Promise<HostResult<unknown>> => {
    if (!isChannel(channel))
      return {
        ok: false,
        error: { code: 'bad-request', message: `unknown channel '${String(channel).slice(0, 100)}'` },
      };
    const checked = checkArgs(channel, args);
    if (!checked.ok) return checked;
    // Typed by the contract: dispatch (main/node/host/dispatch.ts) checked the answer once, at its source.
    return (await ipc.invoke(ipcChannelOf(channel), checked.value)) as HostResult<unknown>;
  };
  const on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (typeof event !== 'string' || typeof listener !== 'function' || !isEvent(event)) return () => undefined;
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => void set.delete(listener);
  };
  return Object.freeze({
    platform,
    invoke: invoke as NetloomBridge['invoke'],
    on: on as NetloomBridge['on'],
  });
}
