import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { inView, type FarBox, type FarScene } from './farScene';

/** Type labels are drawn this tall (flow units, like the far CSS level of detail), and only once legible. */
const LABEL_SIZE = 27;
const MIN_LEGIBLE_PX = 6;

type Colors = Record<string, string>;
const VARS = [
  '--node',
  '--node-border',
  '--accent',
  '--error',
  '--error-soft',
  '--text',
  '--text-muted',
  '--group-bg',
  '--cat-input',
  '--cat-conv',
  '--cat-pool',
  '--cat-norm',
  '--cat-activation',
  '--cat-dropout',
  '--cat-linear',
  '--cat-reshape',
  '--cat-merge',
  '--cat-module',
];

function readColors(el: Element): Colors {
  const style = getComputedStyle(el);
  return Object.fromEntries(VARS.map((v) => [v, style.getPropertyValue(v).trim() || '#888']));
}

/**
 * Zoomed far out, the whole graph on one <canvas> instead of React Flow's hundreds of elements: boxes
 * with their type, edges as the same curves ShapeEdge draws, error and selection colours. It is
 * redrawn at most once per animation frame, and only when the viewport, the pane's size or the scene
 * changes; no React render happens per frame. `data-boxes`/`data-frames` say how many layer boxes and
 * container frames the last frame drew, and the element's `drawn`/`drawnFrames` properties list them (what the
 * end-to-end tests count and sample).
 */
/** The canvas element, with what its last frame drew (a hook for the end-to-end tests, no copy made). */
export type FarCanvasElement = HTMLCanvasElement & { drawn?: readonly FarBox[]; drawnFrames?: readonly FarBox[] };

export function FarCanvas({ scene }: { scene: FarScene }) {
  const store = useStoreApi();
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current as FarCanvasElement | null;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    // Colours follow the theme attribute on <html>: re-read whenever it differs from what they were read for.
    let palette: Colors = {};
    let paletteFor: string | undefined;
    // Edges as three batched paths (plain, error, selected): three stroke calls per frame for ~1000 edges.
    const batches = { plain: new Path2D(), error: new Path2D(), selected: new Path2D() };
    for (const e of scene.edges) {
      const p = new Path2D(e.path);
      batches[e.selected ? 'selected' : e.error ? 'error' : 'plain'].addPath(p);
    }
    const font = getComputedStyle(canvas).fontFamily || 'sans-serif';
    let raf = 0;
    let drawn = { boxes: -1, frames: -1 };

    const draw = () => {
      raf = 0;
      const theme = document.documentElement.dataset.theme ?? '';
      if (paletteFor !== theme) {
        palette = readColors(canvas);
        paletteFor = theme;
      }
      const colors = palette;
      const { transform, width, height } = store.getState();
      const [tx, ty, z] = transform;
      const dpr = window.devicePixelRatio || 1;
      const bw = Math.max(1, Math.round(width * dpr)),
        bh = Math.max(1, Math.round(height * dpr));
      if (canvas.width !== bw || canvas.height !== bh) {
        canvas.width = bw;
        canvas.height = bh;
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, bw, bh);
      ctx.setTransform(dpr * z, 0, 0, dpr * z, dpr * tx, dpr * ty);
      const px = 1 / z; // one screen pixel in flow units
      const view = inView(scene, { x: -tx / z, y: -ty / z, width: width / z, height: height / z });

      // Expanded containers: tinted frames, outermost first, their name in the header band when legible.
      for (const f of view.frames) {
        ctx.fillStyle = colors['--group-bg'];
        ctx.fillRect(f.x, f.y, f.w, f.h);
        ctx.lineWidth = (f.selected ? 2 : 1) * px;
        ctx.strokeStyle = f.selected ? colors['--accent'] : f.error ? colors['--error'] : colors['--node-border'];
        ctx.strokeRect(f.x, f.y, f.w, f.h);
        // At the top of the band, small enough to stay clear of the frames nested below it.
        const size = f.header * 0.45;
        if (size * z >= MIN_LEGIBLE_PX) {
          ctx.font = `600 ${size}px ${font}`;
          ctx.fillStyle = colors['--text-muted'];
          ctx.textBaseline = 'top';
          ctx.fillText(f.label, f.x + size * 0.5, f.y + size * 0.25, Math.max(1, f.w - size));
        }
      }

      // As ShapeEdge's stroke (1.4 flow units), but never thinner than a hairline, and muted: far out,
      // DenseNet's hundreds of concatenation edges would otherwise bury the boxes.
      ctx.lineWidth = Math.max(1.4, 0.8 * px);
      ctx.strokeStyle = colors['--text-muted'];
      ctx.globalAlpha = 0.55;
      ctx.stroke(batches.plain);
      ctx.globalAlpha = 1;
      ctx.lineWidth = Math.max(1.8, 2 * px);
      ctx.strokeStyle = colors['--error'];
      ctx.stroke(batches.error);
      ctx.strokeStyle = colors['--accent'];
      ctx.stroke(batches.selected);

      // Boxes: one fill per colour, so a frame costs a handful of draw calls whatever the node count.
      const byColor = new Map<string, FarBox[]>();
      ctx.beginPath();
      for (const b of view.boxes) {
        ctx.rect(b.x, b.y, b.w, b.h);
        const list = byColor.get(b.color);
        if (list) list.push(b);
        else byColor.set(b.color, [b]);
      }
      ctx.fillStyle = colors['--node'];
      ctx.fill();
      ctx.lineWidth = px;
      ctx.strokeStyle = colors['--node-border'];
      ctx.stroke();
      const stripe = Math.max(4, 2 * px);
      for (const [color, list] of byColor) {
        ctx.beginPath();
        for (const b of list) ctx.rect(b.x, b.y, Math.min(stripe, b.w / 3), b.h);
        ctx.fillStyle = colors[color] ?? colors['--node-border'];
        ctx.fill();
      }
      const errors = view.boxes.filter((b) => b.error);
      if (errors.length) {
        ctx.beginPath();
        for (const b of errors) ctx.rect(b.x, b.y, b.w, b.h);
        ctx.fillStyle = colors['--error-soft'];
        ctx.fill();
        ctx.lineWidth = 2 * px;
        ctx.strokeStyle = colors['--error'];
        ctx.stroke();
      }
      const selected = view.boxes.filter((b) => b.selected);
      if (selected.length) {
        ctx.beginPath();
        const o = 2 * px;
        for (const b of selected) ctx.rect(b.x - o, b.y - o, b.w + 2 * o, b.h + 2 * o);
        ctx.lineWidth = 3 * px;
        ctx.strokeStyle = colors['--accent'];
        ctx.stroke();
      }
      if (LABEL_SIZE * z >= MIN_LEGIBLE_PX) {
        ctx.font = `${LABEL_SIZE}px ${font}`;
        ctx.fillStyle = colors['--text'];
        ctx.textBaseline = 'middle';
        for (const b of view.boxes)
          ctx.fillText(b.label, b.x + stripe + 6, b.y + b.h / 2, Math.max(1, b.w - stripe - 12));
      }

      canvas.drawn = view.boxes;
      canvas.drawnFrames = view.frames;
      if (drawn.boxes !== view.boxes.length || drawn.frames !== view.frames.length) {
        drawn = { boxes: view.boxes.length, frames: view.frames.length };
        canvas.dataset.boxes = String(drawn.boxes);
        canvas.dataset.frames = String(drawn.frames);
      }
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    draw();
    // A theme change reaches <html> in App's effect, which may run after this one: repaint when it does.
    const themeWatch = new MutationObserver(schedule);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    return () => {
      themeWatch.disconnect();
      unsubscribe();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [scene, store]);

  return <canvas ref={ref} className="nl-far-canvas" data-testid="far-canvas" aria-hidden="true" />;
}
