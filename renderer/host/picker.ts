/**
 * The web host's file dialog: a small modal, in plain DOM (it works on any page, React or not),
 * that browses the served workspace through `workspace.list` and answers `dialog.show` with a
 * path relative to the workspace. The server checks the answer again.
 */
import type { EventPayload } from '../../app/protocol';
import type { HostApi } from './api';

type Show = EventPayload<'dialog.show'>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  style: Partial<CSSStyleDeclaration>,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node.style, style);
  if (text !== undefined) node.textContent = text;
  return node;
}

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
const parentOf = (dir: string) => dir.split('/').slice(0, -1).join('/');

function matches(name: string, show: Show): boolean {
  const exts = show.options.filters?.flatMap((f) => f.extensions) ?? [];
  return (
    exts.length === 0 || exts.includes('*') || exts.some((e) => name.toLowerCase().endsWith(`.${e.toLowerCase()}`))
  );
}

export function showPicker(host: HostApi, show: Show): void {
  const overlay = el('div', {
    position: 'fixed',
    inset: '0',
    background: 'rgba(0,0,0,0.45)',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    zIndex: '10000',
    font: '14px system-ui, sans-serif',
  });
  overlay.setAttribute('data-netloom-picker', show.kind);
  // The app's theme variables (light or dark), with dark fallbacks for a page without the app's CSS.
  const box = el('div', {
    background: 'var(--panel, #1f2430)',
    color: 'var(--text, #e6e6e6)',
    border: '1px solid var(--border, #3a4152)',
    width: 'min(560px, 92vw)',
    maxHeight: '80vh',
    display: 'flex',
    flexDirection: 'column',
    borderRadius: '8px',
    boxShadow: '0 10px 40px rgba(0,0,0,0.5)',
    padding: '16px',
    gap: '10px',
  });
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-label', show.options.title ?? (show.kind === 'open' ? 'Open' : 'Save as'));
  const title = el(
    'div',
    { fontWeight: '600', fontSize: '16px' },
    show.options.title ?? (show.kind === 'open' ? 'Open' : 'Save as'),
  );
  const where = el('div', { color: 'var(--text-muted, #a3aab4)', fontFamily: 'monospace', fontSize: '12px' });
  const list = el('ul', {
    listStyle: 'none',
    margin: '0',
    padding: '0',
    overflowY: 'auto',
    minHeight: '200px',
    border: '1px solid var(--border, #3a4152)',
    borderRadius: '4px',
  });
  const name = el('input', {
    padding: '6px',
    background: 'var(--canvas, #151922)',
    color: 'inherit',
    border: '1px solid var(--border, #3a4152)',
    borderRadius: '4px',
  });
  name.setAttribute('aria-label', 'File name');
  name.placeholder = 'file name';
  name.value = show.kind === 'save' ? (show.options.suggestedName ?? 'untitled.netloom.json') : '';
  const error = el('div', { color: 'var(--error, #ff8080)', minHeight: '1em', fontSize: '12px' });
  const buttons = el('div', { display: 'flex', justifyContent: 'flex-end', gap: '8px' });
  // Explicit colours: the browser's default button (light grey) was unreadable on the light theme's panel.
  const button = { padding: '6px 14px', borderRadius: '6px', cursor: 'pointer', font: 'inherit' };
  const cancel = el(
    'button',
    {
      ...button,
      background: 'var(--panel-2, #22262d)',
      color: 'var(--text, #e6e8eb)',
      border: '1px solid var(--border, #3a4152)',
    },
    'Cancel',
  );
  const accept = el(
    'button',
    {
      ...button,
      background: 'var(--accent, #7c8cff)',
      color: 'var(--accent-text, #0e1020)',
      border: '1px solid transparent',
      fontWeight: '600',
    },
    show.kind === 'open' ? 'Open' : 'Save',
  );
  buttons.append(cancel, accept);
  box.append(title, where, list, name, error, buttons);
  overlay.append(box);
  document.body.append(overlay);
  let dir = '';
  let done = false;

  const finish = (path: string | null) => {
    if (done) return;
    done = true;
    overlay.remove();
    void host.invoke('dialog.answer', { id: show.id, path });
  };
  const row = (label: string, onClick: () => void, onDouble?: () => void) => {
    const li = el(
      'li',
      { padding: '5px 8px', cursor: 'pointer', borderBottom: '1px solid var(--border, #2a3040)' },
      label,
    );
    li.tabIndex = 0;
    li.addEventListener('click', onClick);
    if (onDouble) li.addEventListener('dblclick', onDouble);
    li.addEventListener('keydown', (e) => e.key === 'Enter' && (onDouble ?? onClick)());
    list.append(li);
  };
  async function load(next: string): Promise<void> {
    const r = await host.invoke('workspace.list', { dir: next });
    if (!r.ok) {
      error.textContent = r.error.message;
      return;
    }
    dir = r.value.dir;
    where.textContent = dir ? `${r.value.root}/${dir}` : r.value.root;
    error.textContent = '';
    list.replaceChildren();
    if (dir) row('../', () => void load(parentOf(dir)));
    for (const entry of r.value.entries) {
      if (entry.kind === 'dir') row(`${entry.name}/`, () => void load(join(dir, entry.name)));
      else if (matches(entry.name, show))
        row(
          entry.name,
          () => (name.value = entry.name),
          () => finish(join(dir, entry.name)),
        );
    }
  }
  cancel.addEventListener('click', () => finish(null));
  accept.addEventListener('click', () => {
    const file = name.value.trim();
    if (!file || file.includes('/') || file.includes('\\') || file === '.' || file === '..') {
      error.textContent = 'Choose a file, or type a file name (no folders).';
      return;
    }
    finish(join(dir, file));
  });
  overlay.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') finish(null);
    if (e.key === 'Enter' && e.target === name) accept.click();
  });
  void load('');
  name.focus();
}

export function installPicker(host: HostApi): () => void {
  return host.on('dialog.show', (show) => showPicker(host, show));
}
