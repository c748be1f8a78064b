import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { seriesCsv } from '../../store/trainingSeries';
import { Chart, type ChartSpec } from '../charts/Chart';
import type { Detail } from './RunsPanel';

const COLORS = ['#7c8cff', '#e5a83b', '#4cc38a', '#e879a9', '#5b9bd5', '#f08a4b', '#a78bfa', '#2bb5c9'];
const METRICS = ['val_acc', 'val_loss', 'train_acc', 'train_loss'] as const;
type Metric = (typeof METRICS)[number];

/** The curves of several runs on one chart, by epoch, to compare them. */
export function RunOverlay({ runs }: { runs: Detail[] }) {
  const [metric, setMetric] = useState<Metric>('val_acc');
  const spec = useMemo<ChartSpec>(() => {
    const maxEpoch = Math.max(1, ...runs.map((r) => (r.epochs.length ? r.epochs[r.epochs.length - 1].epoch : 0)));
    const x = Array.from({ length: maxEpoch }, (_, i) => i + 1);
    const ys = runs.map((r) => x.map((e) => r.epochs.find((p) => p.epoch === e)?.[metric] ?? null));
    const isAcc = metric.endsWith('acc');
    return {
      title: `Runs compared: ${metric}`,
      xLabel: 'epoch',
      version: runs.length * 10 + METRICS.indexOf(metric),
      series: runs.map((r, i) => ({
        label: r.summary.id,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        points: { show: true, size: 4 },
        ...(isAcc ? { value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`) } : {}),
      })),
      data: () => [x, ...ys] as uPlot.AlignedData,
      csv: () =>
        seriesCsv([{ name: 'epoch', values: x }, ...runs.map((r, i) => ({ name: r.summary.id, values: ys[i] }))]),
    };
  }, [runs, metric]);
  return (
    <div className="nl-overlay" data-testid="runs-overlay">
      <label className="nl-chart-opt">
        metric{' '}
        <select
          className="nl-input"
          style={{ width: 140, display: 'inline-block' }}
          value={metric}
          onChange={(e) => setMetric(e.target.value as Metric)}
        >
          {METRICS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <Chart key={`${runs.length}-${metric}`} spec={spec} />
    </div>
  );
}
