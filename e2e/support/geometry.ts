/** Geometry read from what the canvas draws (DOM rects and SVG edge paths), for checks on readability. */
import type { Page } from 'playwright-core';

/**
 * Edges whose drawn path passes through a layer node or collapsed container other than its own two
 * ends, as `edge <id> crosses <node id>`. Each path is sampled every few screen pixels; a node's box
 * is shrunk by 2 px so an edge that only touches its border (leaving a handle) does not count.
 */
export async function edgesThroughNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node-layer, .react-flow__node-module')].map((n) => ({
      id: n.getAttribute('data-id') ?? '?',
      r: n.getBoundingClientRect(),
    }));
    const inside = (r: DOMRect, x: number, y: number, m: number) =>
      x > r.left + m && x < r.right - m && y > r.top + m && y < r.bottom - m;
    const out: string[] = [];
    for (const g of document.querySelectorAll('.react-flow__edge')) {
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const m = path?.getScreenCTM();
      if (!path || !m) continue;
      const len = path.getTotalLength();
      const screen = (d: number) => {
        const p = path.getPointAtLength(d);
        return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
      };
      const a = screen(0),
        b = screen(len);
      // The edge's own ends: the nodes its first and last points touch.
      const ends = new Set(
        nodes.filter((n) => inside(n.r, a.x, a.y, -6) || inside(n.r, b.x, b.y, -6)).map((n) => n.id),
      );
      const hit = new Set<string>();
      const scale = Math.hypot(m.a, m.b) || 1;
      const steps = Math.max(2, Math.ceil((len * scale) / 3));
      for (let i = 0; i <= steps; i++) {
        const p = screen((len * i) / steps);
        for (const n of nodes) if (!ends.has(n.id) && inside(n.r, p.x, p.y, 2)) hit.add(n.id);
      }
      for (const id of hit) out.push(`edge ${g.getAttribute('data-id')} crosses ${id}`);
    }
    return out;
  });
}

/** Pairs of overlapping screen boxes among those `selector` matches (shown ones only), named by `name`. */
export async function overlapping(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const boxes = [...document.querySelectorAll(sel)]
      .filter((e) => getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden')
      .map((e) => ({ name: e.getAttribute('data-what') ?? e.textContent ?? '?', r: e.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const out: string[] = [];
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) if (hit(a.r, b.r)) out.push(`${a.name} / ${b.name}`);
    });
    return out;
  }, selector);
}
