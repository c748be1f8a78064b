import { isMac } from '../format';
import { COMMANDS, runCommand } from './registry';
import type { CommandId } from './types';

/** `Mod+Shift+Z` form of a key event (Mod = Cmd on macOS, Ctrl elsewhere). */
export function keyString(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const parts: string[] = [];
  if (mod) parts.push('Mod');
  if (e.shiftKey && e.key.length !== 1) parts.push('Shift');
  else if (e.shiftKey && /[a-z]/i.test(e.key)) parts.push('Shift');
  if (e.altKey) parts.push('Alt');
  parts.push(e.key.length === 1 ? e.key.toUpperCase() : e.key);
  return parts.join('+');
}

const shortcuts = new Map<string, CommandId>();
for (const c of COMMANDS) for (const k of c.keys ?? []) shortcuts.set(k.toUpperCase(), c.id);

/** Shortcuts that still act while typing in a field. */
const GLOBAL_IN_FIELDS = new Set<CommandId>(['file.save', 'file.saveAs', 'file.open', 'file.new']);

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/** Give the keyboard back to the canvas (its shortcuts act again): after Escape in a field, after adding from the palette. */
export function focusCanvas(): void {
  const flow = document.querySelector<HTMLElement>('[data-testid=canvas] .react-flow');
  if (flow) flow.focus({ preventScroll: true });
  else (document.activeElement as HTMLElement | null)?.blur?.();
}

/** Install the window keydown handler; returns its remover. */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    // Escape in a panel field (inspector, palette search) leaves it: the canvas has the keyboard again.
    if (e.key === 'Escape' && inField(e.target) && !(e.target as HTMLElement).closest('[role="dialog"]')) {
      e.preventDefault();
      focusCanvas();
      return;
    }
    const id = shortcuts.get(keyString(e).toUpperCase());
    if (!id) return;
    if (inField(e.target) && !GLOBAL_IN_FIELDS.has(id)) return;
    if ((e.target as HTMLElement | null)?.closest?.('[role="dialog"]')) return;
    e.preventDefault();
    void runCommand(id);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
