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

/**
 * Clashes between the small texts around handles: port numbers (`.nl-port`), handles and shown edge
 * labels must not overlap each other (a port number and its own handle excepted), and no edge path may
 * run through a port number. Only what lies inside the canvas counts.
 */
export async function portClashes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid=canvas]')?.getBoundingClientRect();
    if (!canvas) return ['no canvas'];
    const shown = (e: Element) => {
      const s = getComputedStyle(e);
      return s.display !== 'none' && s.visibility !== 'hidden';
    };
    const nodeOf = (e: Element) => e.closest('.react-flow__node')?.getAttribute('data-id') ?? '?';
    type Item = { name: string; r: DOMRect; el: Element };
    const items: Item[] = [];
    for (const e of document.querySelectorAll('.nl-port'))
      if (shown(e)) items.push({ name: `port ${nodeOf(e)}#${e.textContent}`, r: e.getBoundingClientRect(), el: e });
    for (const e of document.querySelectorAll('.react-flow__handle'))
      if (shown(e))
        items.push({
          name: `handle ${nodeOf(e)}/${e.getAttribute('data-handleid')}`,
          r: e.getBoundingClientRect(),
          el: e,
        });
    for (const e of document.querySelectorAll('[data-testid=edge-label]'))
      if (shown(e))
        items.push({ name: `label ${e.getAttribute('data-edge-id')}`, r: e.getBoundingClientRect(), el: e });
    const inView = items.filter(
      (i) =>
        i.r.width > 0 &&
        i.r.left < canvas.right &&
        i.r.right > canvas.left &&
        i.r.top < canvas.bottom &&
        i.r.bottom > canvas.top,
    );
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const out: string[] = [];
    inView.forEach((a, i) => {
      for (const b of inView.slice(i + 1))
        if (!a.el.contains(b.el) && !b.el.contains(a.el) && hit(a.r, b.r)) out.push(`${a.name} / ${b.name}`);
    });
    const ports = inView.filter((i) => i.el.classList.contains('nl-port'));
    for (const g of document.querySelectorAll('.react-flow__edge')) {
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const m = path?.getScreenCTM();
      if (!path || !m) continue;
      const len = path.getTotalLength();
      const crossed = new Set<string>();
      for (let d = 0; d <= len; d += 1.5) {
        const p = path.getPointAtLength(d);
        const x = m.a * p.x + m.c * p.y + m.e,
          y = m.b * p.x + m.d * p.y + m.f;
        for (const q of ports) if (x > q.r.left && x < q.r.right && y > q.r.top && y < q.r.bottom) crossed.add(q.name);
      }
      for (const n of crossed) out.push(`edge ${g.getAttribute('data-id')} / ${n}`);
    }
    return out;
  });
}
