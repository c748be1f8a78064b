import { useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { trainingStore, useTraining } from '../../store/training';
import { decimate, seriesCsv, smooth, smoothCache, smoothInto } from '../../store/trainingSeries';
import { Chart, type ChartSpec } from './Chart';

const MAX_POINTS = 2000;
const faint = 'rgba(124, 140, 255, 0.28)';
const accent = '#7c8cff';
const C = { train: '#5b9bd5', val: '#e5a83b', lr: '#4cc38a', ips: '#e879a9' };

/** The Charts tab: batch loss (smoothed over the raw series), epoch loss and accuracy, lr, images/s. */
export function LiveCharts() {
  const version = useTraining((s) => s.seriesVersion);
  const [w, setW] = useState(0.8);
  const cache = useRef(smoothCache());
  const specs = useMemo(() => {
    const s = () => trainingStore.getState().series;
    const loss: ChartSpec = {
      title: 'Loss per batch',
      xLabel: 'batch',
      version: version + w,
      logDefault: false,
      series: [
        { label: 'loss', stroke: faint, width: 1 },
        { label: `smoothed (${w})`, stroke: accent, width: 2 },
      ],
      data: () => {
        const x = s();
        return decimate(x.bx, [x.bloss, smoothInto(cache.current, x.bloss, w)], MAX_POINTS) as uPlot.AlignedData;
      },
      csv: () =>
        seriesCsv([
          { name: 'batch', values: s().bx },
          { name: 'loss', values: s().bloss },
          { name: 'smoothed', values: smooth(s().bloss, w) },
        ]),
    };
    const epochs: ChartSpec = {
      title: 'Loss and accuracy per epoch',
      xLabel: 'epoch',
      version,
      accAxis: true,
      series: [
        { label: 'train loss', stroke: C.train, width: 2 },
        { label: 'val loss', stroke: C.val, width: 2 },
        {
          label: 'train acc',
          stroke: C.train,
          width: 2,
          dash: [6, 4],
          scale: 'acc',
          value: (_u, v) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`),
        },
        {
          label: 'val acc',
          stroke: C.val,
          width: 2,
          dash: [6, 4],
          scale: 'acc',
          value: (_u, v) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`),
        },
      ],
      data: () => {
        const x = s();
        return [x.ex, x.trainLoss, x.valLoss, x.trainAcc, x.valAcc] as uPlot.AlignedData;
      },
      csv: () => {
        const x = s();
        return seriesCsv([
          { name: 'epoch', values: x.ex },
          { name: 'train_loss', values: x.trainLoss },
          { name: 'val_loss', values: x.valLoss },
          { name: 'train_acc', values: x.trainAcc },
          { name: 'val_acc', values: x.valAcc },
        ]);
      },
    };
    const lr: ChartSpec = {
      title: 'Learning rate',
      xLabel: 'batch',
      version,
      series: [{ label: 'lr', stroke: C.lr, width: 2 }],
      data: () => decimate(s().bx, [s().blr], MAX_POINTS) as uPlot.AlignedData,
      csv: () =>
        seriesCsv([
          { name: 'batch', values: s().bx },
          { name: 'lr', values: s().blr },
        ]),
    };
    const ips: ChartSpec = {
      title: 'Images per second',
      xLabel: 'batch',
      version,
      series: [{ label: 'img/s', stroke: C.ips, width: 2 }],
      data: () => decimate(s().bx, [s().bips], MAX_POINTS) as uPlot.AlignedData,
      csv: () =>
        seriesCsv([
          { name: 'batch', values: s().bx },
          { name: 'img_per_s', values: s().bips },
        ]),
    };
    return { loss, epochs, lr, ips };
  }, [version, w]);
  const points = trainingStore.getState().series.bx.length;
  const foldI = useTraining((s) => s.progress?.fold ?? 0);
  const foldK = useTraining((s) => s.progress?.folds ?? 0);
  const fold = foldI ? { fold: foldI, folds: foldK } : null;
  return (
    <div className="nl-charts" data-testid="charts" data-points={points}>
      <div className="nl-charts-bar">
        <label className="nl-chart-opt">
          smoothing{' '}
          <input type="range" min={0} max={0.99} step={0.01} value={w} onChange={(e) => setW(Number(e.target.value))} />{' '}
          {w.toFixed(2)}
        </label>
        {fold && (
          <b data-testid="charts-fold">
            K-fold: fold {fold.fold}/{fold.folds}
          </b>
        )}
        <span className="nl-muted">drag to zoom · double-click to reset · {points} batch points</span>
      </div>
      <div className="nl-charts-grid">
        <Chart spec={specs.loss} testId="chart-loss" />
        <Chart spec={specs.epochs} testId="chart-epochs" />
        <Chart spec={specs.lr} testId="chart-lr" />
        <Chart spec={specs.ips} testId="chart-ips" />
      </div>
    </div>
  );
}
