import { useCallback, useState, type KeyboardEvent, type PointerEvent } from 'react';

const KEY = 'netloom.dockHeight';
/** On open the dock takes at most this share of the window, so the canvas keeps most of it. */
const DEFAULT_SHARE = 0.3;
const MIN = 120;
/** Dragged below this, the dock folds away (and opens again at its last height). */
const COLLAPSE_AT = 70;

const clamp = (h: number) => Math.round(Math.max(MIN, Math.min(h, window.innerHeight * 0.75)));

function initialHeight(): number {
  const saved = Number(globalThis.localStorage?.getItem(KEY));
  if (Number.isFinite(saved) && saved >= MIN) return clamp(saved);
  return clamp(Math.min(320, window.innerHeight * DEFAULT_SHARE));
}

/** The dock's height in pixels, remembered across sessions (localStorage). */
export function useDockHeight(): [number, (h: number) => void] {
  const [height, setHeight] = useState(initialHeight);
  const set = useCallback((h: number) => {
    const v = clamp(h);
    setHeight(v);
    try {
      localStorage.setItem(KEY, String(v));
    } catch {
      /* private mode: the size is not remembered */
    }
  }, []);
  return [height, set];
}

interface Props {
  height: number;
  open: boolean;
  onHeight(h: number): void;
  onOpen(open: boolean): void;
}

/** The dock's top edge: drag to resize, drag down to fold, up to unfold; arrow keys do the same. */
export function DockResizer({ height, open, onHeight, onOpen }: Props) {
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const start = open ? height : 34;
    const move = (ev: globalThis.PointerEvent) => {
      const h = start + (startY - ev.clientY);
      if (h < COLLAPSE_AT) {
        if (open) onOpen(false);
        return;
      }
      if (!open) onOpen(true);
      onHeight(h);
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) onOpen(true);
      else onHeight(height + step);
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (height - step < MIN) onOpen(false);
      else onHeight(height - step);
    }
  };
  return (
    <div
      className="nl-dock-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the dock (drag, or arrow keys)"
      aria-valuenow={open ? height : 0}
      aria-valuemin={0}
      aria-valuemax={Math.round(window.innerHeight * 0.75)}
      tabIndex={0}
      data-testid="dock-resizer"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
