import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactFlowInstance } from '@xyflow/react';
import { commandContext } from './context';
import { reveal } from './layer';

/** A node far outside a 800 x 600 view, so that a reveal pans to it unless something asked otherwise. */
function setup() {
  const frames: (() => void)[] = [];
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
  vi.stubGlobal('document', {
    querySelector: () => ({ getBoundingClientRect: () => ({ left: 0, top: 0, right: 800, bottom: 600 }) }),
  });
  const setCenter = vi.fn(async () => true);
  commandContext.flow = {
    getNode: () => ({ id: 'n', position: { x: 5000, y: 5000 }, data: {} }),
    flowToScreenPosition: (p: { x: number; y: number }) => p,
    getZoom: () => 1,
    setCenter,
  } as unknown as ReactFlowInstance;
  return { frames, setCenter };
}

afterEach(() => {
  vi.unstubAllGlobals();
  commandContext.flow = null;
});

describe('reveal', () => {
  it('pans to a node outside the view on the next frame', () => {
    const { frames, setCenter } = setup();
    reveal('n');
    expect(setCenter).not.toHaveBeenCalled();
    frames.forEach((f) => f());
    expect(setCenter).toHaveBeenCalledTimes(1);
  });

  it('does not undo a fit served before that frame (F pressed right after inserting a block)', () => {
    const { frames, setCenter } = setup();
    reveal('n');
    commandContext.fits++;
    frames.forEach((f) => f());
    expect(setCenter).not.toHaveBeenCalled();
  });
});
