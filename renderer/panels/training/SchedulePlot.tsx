import { useMemo } from 'react';
import { createSchedule } from '../../../app/training/schedules';
import type { TrainingSettings } from '../../../app/training/settings';

/** lr for each epoch as torch.optim.lr_scheduler computes it (ReduceLROnPlateau: no metric yet, so flat). */
export function scheduleCurve(t: TrainingSettings): number[] {
  const s = createSchedule(t.lr, t.scheduler, t.warmup);
  const out: number[] = [];
  for (let e = 0; e < t.epochs; e++) {
    out.push(s.lr);
    s.step();
  }
  return out;
}

/** The learning-rate schedule of the settings, drawn before the run starts. */
export function SchedulePlot({ t }: { t: TrainingSettings }) {
  const lrs = useMemo(() => scheduleCurve(t), [t]);
  const W = 300;
  const H = 90;
  const max = Math.max(...lrs, 1e-12);
  const min = Math.min(...lrs, 0);
  const x = (i: number) => 30 + (lrs.length > 1 ? (i / (lrs.length - 1)) * (W - 40) : 0);
  const y = (v: number) => 8 + (1 - (v - min) / (max - min || 1)) * (H - 26);
  const pts = lrs.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <figure className="nl-schedule" data-testid="schedule-plot">
      <svg width={W} height={H} role="img" aria-label="learning rate per epoch">
        <line x1={30} y1={H - 18} x2={W - 10} y2={H - 18} className="axis" />
        <line x1={30} y1={8} x2={30} y2={H - 18} className="axis" />
        <polyline points={lrs.length === 1 ? `${x(0)},${y(lrs[0])} ${W - 10},${y(lrs[0])}` : pts} className="curve" />
        <text x={2} y={14}>
          {max.toPrecision(2)}
        </text>
        <text x={2} y={H - 18}>
          {min.toPrecision(2)}
        </text>
        <text x={30} y={H - 4}>
          epoch 1
        </text>
        <text x={W - 60} y={H - 4}>
          epoch {lrs.length}
        </text>
      </svg>
      <figcaption>
        lr per epoch
        {t.scheduler.name === 'ReduceLROnPlateau'
          ? ' (ReduceLROnPlateau lowers it when the monitored metric stalls)'
          : ''}
      </figcaption>
    </figure>
  );
}
