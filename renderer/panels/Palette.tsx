import { useMemo, useRef, useEffect, type DragEvent } from 'react';
import { LAYERS } from '../../app/layers/registry';
import { CATEGORY_LABEL, CATEGORY_ORDER, LAYER_DRAG_TYPE } from './categories';
import { useEditor } from '../store';
import { runCommand } from '../commands/registry';
import { focusCanvas } from '../commands/keyboard';
import { Templates } from './Templates';
import { Blocks } from './Blocks';

/** Every layer kind grouped by category; `/` focuses the search; drag onto the canvas or double-click to add. */
export function Palette() {
  const query = useEditor((s) => s.paletteQuery);
  const setQuery = useEditor((s) => s.setPaletteQuery);
  const focusTick = useEditor((s) => s.paletteFocusTick);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusTick > 0) input.current?.focus();
  }, [focusTick]);

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hit = LAYERS.filter(
      (l) =>
        !q || l.type.toLowerCase().includes(q) || l.description.toLowerCase().includes(q) || l.category.includes(q),
    );
    return CATEGORY_ORDER.map((c) => ({ category: c, layers: hit.filter((l) => l.category === c) })).filter(
      (g) => g.layers.length > 0,
    );
  }, [query]);

  // Added from the palette by keyboard or double-click: the search starts over and the canvas has the keyboard.
  const add = (type: string) => {
    void runCommand('layer.add', { type });
    setQuery('');
    focusCanvas();
  };

  const onDragStart = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(LAYER_DRAG_TYPE, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="nl-side left" aria-label="Palette">
      <div className="nl-search">
        <input
          ref={input}
          className="nl-input"
          placeholder="Search layers"
          value={query}
          data-testid="palette-search"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setQuery('');
              input.current?.blur();
            }
            if (e.key === 'Enter' && groups[0]) add(groups[0].layers[0].type);
          }}
        />
        {!query && <kbd>/</kbd>}
      </div>
      <div className="nl-scroll">
        {groups.map((g) => (
          <div key={g.category} className={`nl-palette-group cat-${g.category}`}>
            <div className="nl-palette-cat">
              <span className="nl-dot" />
              {CATEGORY_LABEL[g.category]}
            </div>
            {g.layers.map((l) => (
              <div
                key={l.type}
                className="nl-palette-item"
                draggable
                data-testid={`palette-${l.type}`}
                title={`${l.description}\nDrag onto the canvas or double-click to add`}
                onDragStart={(e) => onDragStart(e, l.type)}
                onDoubleClick={() => add(l.type)}
              >
                <span>{l.type}</span>
              </div>
            ))}
          </div>
        ))}
        {groups.length === 0 && <div className="nl-palette-cat">No layer matches “{query}”</div>}
        <Blocks query={query} />
        <Templates />
      </div>
    </aside>
  );
}
