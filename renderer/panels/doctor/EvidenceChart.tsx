/** A run's loss curves with a diagnosis' evidence drawn over them (thick red where the problem shows). */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { Diagnosis, RunSeries } from '../../../app/doctor/curves';
import { seriesCsv } from '../../store/trainingSeries';
import { Chart, type ChartSpec } from '../charts/Chart';

const EVIDENCE = '#ff5d5d';

export function EvidenceChart({ series, diagnosis, id }: { series: RunSeries; diagnosis: Diagnosis; id: string }) {
  const ev = diagnosis.evidence[0];
  const byBatch = ev?.series === 'batch_loss' && (series.batches?.length ?? 0) > 0;
  const spec = useMemo<ChartSpec | null>(() => {
    if (!ev || !['train_loss', 'val_loss', 'batch_loss'].includes(ev.series)) return null;
    const inside = (x: number) => x >= ev.from && x <= ev.to;
    if (byBatch) {
      const b = (series.batches ?? []).filter((p) => Number.isFinite(p.loss));
      if (b.length < 2) return null;
      const x = b.map((p) => p.x);
      const loss = b.map((p) => p.loss);
      const mark = b.map((p) => (inside(p.x) ? p.loss : null));
      return {
        title: `${diagnosis.title}: batch loss`,
        xLabel: 'batch',
        version: b.length,
        series: [
          { label: 'loss', stroke: '#7c8cff', width: 1.5 },
          { label: ev.label, stroke: EVIDENCE, width: 4 },
        ],
        data: () => [x, loss, mark] as uPlot.AlignedData,
        csv: () =>
          seriesCsv([
            { name: 'batch', values: x },
            { name: 'loss', values: loss },
          ]),
      };
    }
    const e = series.epochs;
    if (e.length < 2) return null;
    const x = e.map((p) => p.epoch);
    const train = e.map((p) => (Number.isFinite(p.train_loss) ? p.train_loss : null));
    const val = e.map((p) => p.val_loss);
    const on = ev.series === 'val_loss' ? val : train;
    const mark = e.map((p, i) => (inside(p.epoch) ? on[i] : null));
    return {
      title: `${diagnosis.title}: loss by epoch`,
      xLabel: 'epoch',
      version: e.length,
      series: [
        { label: 'train_loss', stroke: '#7c8cff', width: 2, points: { show: true, size: 4 } },
        { label: 'val_loss', stroke: '#e5a83b', width: 2, points: { show: true, size: 4 } },
        { label: ev.label, stroke: EVIDENCE, width: 5 },
      ],
      data: () => [x, train, val, mark] as uPlot.AlignedData,
      csv: () =>
        seriesCsv([
          { name: 'epoch', values: x },
          { name: 'train_loss', values: train },
          { name: 'val_loss', values: val },
        ]),
    };
  }, [series, diagnosis, ev, byBatch]);
  if (!spec) return null;
  return <Chart key={id} spec={spec} testId="doctor-evidence" />;
}
