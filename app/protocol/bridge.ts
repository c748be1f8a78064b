/**
 * What the Electron preload exposes as `window.netloom` (through contextBridge): the contract
 * and nothing else. Results come back as wire results (`{ ok, value | error }`), which
 * renderer/host checks again against the channel's result schema.
 */
export interface NetloomBridge {
  readonly platform: 'linux' | 'darwin' | 'win32' | 'other';
  invoke(channel: string, args: unknown): Promise<unknown>;
  /** Returns the function that removes the listener. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The IPC channel names used under the hood (prefixed so nothing else in Electron collides). */
export const ipcChannelOf = (channel: string): string => `netloom:${channel}`;
export const IPC_EVENT = 'netloom:event';
