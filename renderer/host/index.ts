/**
 * renderer/host: the UI's only way to the host. `getHost()` picks the transport once:
 * the Electron preload (`window.netloom`) when present, otherwise the WebSocket of `netloom serve`
 * (token from the page URL). In the web host it also shows the in-page file picker when the
 * server asks for a dialog.
 *
 *   import { getHost } from './host';
 *   const host = getHost();
 *   const r = await host.invoke('project.open', { path });
 *   if (r.ok) load(r.value.text); else showError(r.error.message);
 *   const stop = host.on('app.command', ({ command }) => run(command));
 */
import type { HostApi } from './api';
import { electronHost } from './desktop';
import { installPicker } from './picker';
import { takeTokenFromUrl, webSocketHost } from './websocket';

export type { ConnectionState, HostApi, InvokeArgs } from './api';

let host: HostApi | null = null;

export function getHost(): HostApi {
  if (host) return host;
  if (window.netloom) {
    host = electronHost(window.netloom);
  } else {
    host = webSocketHost({ token: takeTokenFromUrl() });
    installPicker(host);
  }
  return host;
}
