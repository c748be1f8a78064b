import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { download } from './download';

export interface ChartSpec {
  /** Title and file name stem. */
  title: string;
  series: uPlot.Series[];
  /** Second y scale (accuracy) on the right, for series with scale 'acc'. */
  accAxis?: boolean;
  /** x axis label. */
  xLabel: string;
  /** The data to draw now (already decimated). */
  data(): uPlot.AlignedData;
  /** The full series as CSV. */
  csv(): string;
  /** Redraw when this changes (at most once per animation frame). */
  version: number;
  logDefault?: boolean;
}

const HEIGHT = 130;
const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

function options(spec: ChartSpec, width: number, height: number, log: boolean): uPlot.Options {
  const grid = { stroke: css('--border'), width: 1 };
  const axis = { stroke: css('--text-muted'), grid, ticks: grid };
  return {
    width,
    height,
    cursor: { drag: { x: true, y: false }, points: { size: 5 } },
    legend: { live: true },
    scales: { x: { time: false }, y: { distr: log ? 3 : 1 }, ...(spec.accAxis ? { acc: { range: [0, 1] } } : {}) },
    axes: [
      {
        ...axis,
        label: spec.xLabel,
        labelSize: 16,
        size: 34,
        ...(spec.xLabel === 'epoch' ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] } : {}),
      },
      { ...axis, size: 54 },
      ...(spec.accAxis
        ? [
            {
              ...axis,
              scale: 'acc',
              side: 1,
              grid: { show: false },
              values: (_u: uPlot, v: number[]) => v.map((x) => `${Math.round(x * 100)}%`),
            },
          ]
        : []),
    ],
    series: [{ label: spec.xLabel }, ...spec.series],
  };
}

/**
 * A uPlot chart that follows a live series: redraws at most once per animation frame, drag to
 * zoom (double-click resets), values under the cursor in the legend, log-scale toggle, CSV and
 * PNG export.
 */
export function Chart({ spec, testId }: { spec: ChartSpec; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const specRef = useRef(spec);
  specRef.current = spec;
  const [log, setLog] = useState(spec.logDefault ?? false);
  /** The person zoomed in: live updates keep their x range until a double-click resets it. */
  const zoomed = useRef(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const w = Math.max(200, el.clientWidth);
    const u = new uPlot(options(specRef.current, w, HEIGHT, log), specRef.current.data(), el);
    plot.current = u;
    u.hooks.setSelect = [
      ...(u.hooks.setSelect ?? []),
      (self: uPlot) => {
        if (self.select.width > 0) zoomed.current = true;
      },
    ];
    const reset = () => {
      zoomed.current = false;
    };
    u.over.addEventListener('dblclick', reset);
    const ro = new ResizeObserver(() => {
      if (el.clientWidth > 0) u.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.over.removeEventListener('dblclick', reset);
      u.destroy();
      plot.current = null;
    };
    // Recreated when the scale type or the set of series changes.
  }, [log, spec.series.length]);

  const frame = useRef(0);
  useEffect(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const u = plot.current;
      if (!u) return;
      u.setData(specRef.current.data(), !zoomed.current);
    });
  }, [spec.version]);
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );

  const stem = spec.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <figure className="nl-chart" data-testid={testId}>
      <figcaption>
        <span className="nl-chart-title">{spec.title}</span>
        <label className="nl-chart-opt">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log
        </label>
        <button className="nl-link" onClick={() => download(`${stem}.csv`, specRef.current.csv())}>
          CSV
        </button>
        <button
          className="nl-link"
          onClick={() => plot.current && download(`${stem}.png`, plot.current.ctx.canvas.toDataURL('image/png'))}
        >
          PNG
        </button>
      </figcaption>
      <div ref={box} className="nl-chart-box" />
    </figure>
  );
}
