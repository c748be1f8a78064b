/**
 * The host status page (`/host/status.html`): proves the transport end to end (app.info and
 * templates.list through the contract) and shows which backends load. The app's own page is
 * renderer/index.html.
 */
import { getHost } from './index';

const root = document.getElementById('status')!;

function line(label: string, value: string): HTMLElement {
  const p = document.createElement('p');
  const b = document.createElement('b');
  b.textContent = `${label}: `;
  p.append(b, value);
  return p;
}

async function render(): Promise<void> {
  const host = getHost();
  const h1 = document.createElement('h1');
  h1.textContent = 'Netloom is running';
  const state = line('Connection', host.connection);
  host.onConnection((s) => state.replaceWith(Object.assign(line('Connection', s), { id: 'connection' })));
  root.replaceChildren(h1, state);
  const info = await host.invoke('app.info');
  if (!info.ok) {
    root.append(line('Host error', info.error.message));
    return;
  }
  const v = info.value;
  root.append(
    line('Version', v.version),
    line('Host', v.electron ? 'Electron (desktop app)' : 'netloom serve (browser)'),
    line('Platform', v.platform),
  );
  if (v.workspace) root.append(line('Workspace', v.workspace));
  const backends = document.createElement('ul');
  for (const b of v.backends) {
    const li = document.createElement('li');
    li.textContent = `${b.available ? '✓' : '✗'} ${b.name}${b.reason ? ` (${b.reason})` : ''}`;
    backends.append(li);
  }
  root.append(line('tfjs backends', ''), backends);
  const templates = await host.invoke('templates.list');
  if (templates.ok) root.append(line('Templates', templates.value.map((t) => t.name).join(', ')));
  // Tries the file dialog (native in Electron, the workspace picker in the browser).
  const open = document.createElement('button');
  open.textContent = 'Choose a file…';
  open.id = 'choose';
  const chosen = document.createElement('p');
  chosen.id = 'chosen';
  open.addEventListener('click', () => {
    void host.invoke('dialog.openFile', { title: 'Choose a file' }).then((r) => {
      chosen.textContent = r.ok ? (r.value ? `Chosen: ${r.value.path}` : 'Cancelled') : `Error: ${r.error.message}`;
    });
  });
  root.append(open, chosen);
  root.dataset.ready = 'true';
}

void render();
