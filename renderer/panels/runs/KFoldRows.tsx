import type { z } from 'zod';
import type { RunSummary } from '../../../app/protocol';
import { trainingStore } from '../../store/training';
import { pct } from '../training/format';

type Summary = z.infer<typeof RunSummary>;
type KFold = NonNullable<Summary['kfold']>;

/** The run folder that stands for a K-fold run (evaluate, open graph, overlay): its best fold, else its first. */
export function foldDirOf(r: Summary): string {
  if (!r.kfold) return r.dir;
  return (r.kfold.folds.find((f) => f.fold === r.kfold!.best_fold) ?? r.kfold.folds[0]).dir;
}

const num = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(4) : '—');
const spread = (kf: KFold, m: string, asPct: boolean) => {
  const mean = kf.mean?.[m];
  const std = kf.std?.[m];
  if (mean === undefined) return '—';
  return asPct ? `${pct(mean, 2)} ± ${pct(std ?? 0, 2)}` : `${mean.toFixed(4)} ± ${(std ?? 0).toFixed(4)}`;
};

/** The folds of an expanded K-fold run (one row each), then mean ± sample std over the folds. */
export function KFoldRows({ run, cols }: { run: Summary; cols: number }) {
  const kf = run.kfold!;
  return (
    <tr className="nl-kfold" data-testid="kfold-folds">
      <td />
      <td colSpan={cols - 1}>
        <table className="nl-table nl-kfold-table">
          <thead>
            <tr>
              <th>fold</th>
              <th>status</th>
              <th>epochs</th>
              <th>val_loss</th>
              <th>val_acc</th>
              <th>test_loss</th>
              <th>test_acc</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {kf.folds.map((f) => (
              <tr key={f.dir} data-testid="kfold-fold" className={f.fold === kf.best_fold ? 'best' : ''}>
                <td className="mono">
                  {f.fold}/{kf.k}
                  {f.fold === kf.best_fold ? ' ★ best' : ''}
                </td>
                <td className={`status ${f.status}`}>{f.status.replace('_', ' ')}</td>
                <td>{f.epochs_done}</td>
                <td className="mono">{num(f.val_loss)}</td>
                <td>{pct(f.val_acc ?? undefined, 2)}</td>
                <td className="mono">{num(f.test_loss)}</td>
                <td>{pct(f.test_acc ?? undefined, 2)}</td>
                <td>
                  <button
                    className="nl-link"
                    disabled={f.epochs_done === 0}
                    onClick={() => {
                      trainingStore.getState().setEvalRun(f.dir);
                      trainingStore.getState().setTab('evaluation');
                    }}
                  >
                    evaluate
                  </button>
                </td>
              </tr>
            ))}
            <tr data-testid="kfold-mean" className="mean">
              <td>
                <b>mean ± std</b>
              </td>
              <td colSpan={2} className="nl-muted">
                {kf.mean ? `${kf.folds.length} folds, sample std` : 'after the last fold'}
              </td>
              <td className="mono">{kf.mean ? spread(kf, 'val_loss', false) : '—'}</td>
              <td>{kf.mean ? spread(kf, 'val_acc', true) : '—'}</td>
              <td className="mono">{kf.mean ? spread(kf, 'test_loss', false) : '—'}</td>
              <td>{kf.mean ? spread(kf, 'test_acc', true) : '—'}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </td>
    </tr>
  );
}
