import { useEditor } from '../store';
import { COMMANDS } from '../commands/registry';
import { formatKeys } from '../format';

/** Section titles for the command id prefixes (`file.save` is under File). */
const SECTIONS: Record<string, string> = {
  file: 'File',
  export: 'File',
  edit: 'Edit',
  layer: 'Edit',
  module: 'Containers',
  view: 'View',
  palette: 'View',
  train: 'Training',
  help: 'Help',
};

/** Every shortcut, generated from the command registry (so it cannot go stale); `?` or F1 opens it. */
export function Shortcuts() {
  const open = useEditor((s) => s.shortcutsOpen);
  const close = useEditor((s) => s.setShortcutsOpen);
  if (!open) return null;
  const groups = new Map<string, { label: string; keys: string[] }[]>();
  for (const c of COMMANDS) {
    if (!c.keys?.length) continue;
    const section = SECTIONS[c.id.split('.')[0]] ?? 'Other';
    if (!groups.has(section)) groups.set(section, []);
    groups.get(section)?.push({ label: c.label, keys: c.keys });
  }
  return (
    <div className="nl-dialog-backdrop" onMouseDown={() => close(false)}>
      <div
        className="nl-dialog nl-shortcuts"
        role="dialog"
        aria-label="Keyboard shortcuts"
        data-testid="shortcuts"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close(false);
          }
        }}
      >
        <div className="nl-dialog-title">Keyboard shortcuts</div>
        <div className="nl-shortcut-grid">
          {[...groups].map(([section, items]) => (
            <section key={section}>
              <h3>{section}</h3>
              <dl>
                {items.map((it) => (
                  <div key={it.label}>
                    <dt>{it.label}</dt>
                    <dd>
                      {it.keys.map((k) => (
                        <kbd key={k}>{formatKeys(k)}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <div className="nl-insp-desc">
          On the canvas: drag from the palette or double-click it; drag from an output handle (bottom) to an input (top)
          to connect; Shift+drag selects a box; the mouse wheel zooms.
        </div>
        <div className="nl-row end">
          <button className="nl-btn primary" autoFocus data-testid="shortcuts-close" onClick={() => close(false)}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
