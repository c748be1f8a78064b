/**
 * The preload (sandboxed, context-isolated): exposes `window.netloom` (bridge.ts), the contract
 * and nothing else; no raw ipcRenderer reaches the page. Built to dist/electron/preload.cjs
 * (bundled, CommonJS: sandboxed preloads cannot be ES modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

const bridge = createBridge(
  {
    invoke: (channel, args) => ipcRenderer.invoke(channel, args),
    on: (channel, listener) => void ipcRenderer.on(channel, listener),
  },
  process.platform,
);

contextBridge.exposeInMainWorld('netloom', bridge);
