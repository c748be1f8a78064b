import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { EvaluationResult, Sample } from '../../../app/protocol';
import { getHost } from '../../host';
import { trainingStore, useTraining } from '../../store/training';
import { pct } from '../training/format';
import { Confusion } from './Confusion';
import { TryIt } from './TryIt';

type Evaluation = z.infer<typeof EvaluationResult>;

/** The Evaluation tab: a run's test-set confusion matrix with samples per cell, per-class metrics, confident mistakes, try it. */
export function EvaluationPanel() {
  const runDir = useTraining((s) => s.evalRun);
  const [ev, setEv] = useState<Evaluation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const [cell, setCell] = useState<{ total: number; samples: z.infer<typeof Sample>[] } | null>(null);
  useEffect(() => {
    setEv(null);
    setCell(null);
    setPicked(null);
    if (!runDir) return;
    let live = true;
    setBusy(true);
    void getHost()
      .invoke('runs.evaluate', { runDir, worst: 16 })
      .then((r) => {
        if (!live) return;
        setBusy(false);
        if (r.ok) {
          setEv(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [runDir]);
  const pick = async (label: number, predicted: number) => {
    if (!runDir) return;
    setPicked([label, predicted]);
    const r = await getHost().invoke('runs.samples', { runDir, label, predicted, limit: 32 });
    if (r.ok) setCell(r.value);
  };
  if (!runDir) {
    return (
      <div className="nl-muted" style={{ padding: 12 }}>
        Pick a run to evaluate in the Runs tab (or train one: the last run is shown here when it ends).
        <button className="nl-link" style={{ marginLeft: 8 }} onClick={() => trainingStore.getState().setTab('runs')}>
          Runs
        </button>
      </div>
    );
  }
  return (
    <div className="nl-eval" data-testid="evaluation-panel">
      <div className="nl-eval-head">
        <span className="mono">{runDir.split(/[\\/]/).pop()}</span>
        {busy && <span className="nl-muted">Evaluating on the test set…</span>}
        {ev && (
          <span>
            test accuracy <b data-testid="eval-accuracy">{pct(ev.accuracy, 2)}</b> · loss {ev.loss.toFixed(4)} ·{' '}
            {ev.n.toLocaleString()} samples · {ev.checkpoint} checkpoint (epoch {ev.epoch}) · {ev.backend}
          </span>
        )}
      </div>
      {error && <div className="nl-insp-error">{error}</div>}
      {ev && (
        <div className="nl-eval-grid">
          <div>
            <Confusion classes={ev.classes} matrix={ev.confusion} picked={picked} onPick={(i, j) => void pick(i, j)} />
            {picked && cell && (
              <div className="nl-cell-samples" data-testid="cell-samples">
                <div className="nl-muted">
                  true <b>{ev.classes[picked[0]]}</b>, predicted <b>{ev.classes[picked[1]]}</b>: {cell.total} sample(s)
                  {cell.total > cell.samples.length ? `, first ${cell.samples.length}` : ''}
                </div>
                <div className="nl-thumbs">
                  {cell.samples.map((s) => (
                    <img
                      key={s.index}
                      src={s.image}
                      alt={`sample ${s.index}`}
                      title={`#${s.index}: ${(s.confidence * 100).toFixed(1)}%`}
                    />
                  ))}
                </div>
              </div>
            )}
          </div>
          <div>
            <div className="nl-section-title" style={{ padding: '0 0 4px' }}>
              Per class
            </div>
            <table className="nl-table compact" data-testid="per-class">
              <thead>
                <tr>
                  <th>class</th>
                  <th>precision</th>
                  <th>recall</th>
                  <th>F1</th>
                  <th>n</th>
                </tr>
              </thead>
              <tbody>
                {ev.per_class.map((c) => (
                  <tr key={c.class}>
                    <td>{c.class}</td>
                    <td>{pct(c.precision)}</td>
                    <td>{pct(c.recall)}</td>
                    <td>{pct(c.f1)}</td>
                    <td>{c.support}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <div className="nl-section-title" style={{ padding: '0 0 4px' }}>
              Most confidently wrong
            </div>
            <div
              className="nl-wrong"
              data-testid="wrong"
              tabIndex={0}
              role="region"
              aria-label="Most confidently wrong test samples"
            >
              {ev.wrong.map((w) => {
                const top = w.probs
                  .map((p, i) => [p, i] as const)
                  .sort((a, b) => b[0] - a[0])
                  .slice(0, 3);
                return (
                  <div key={w.index} className="nl-wrong-item">
                    <img src={w.image} alt={`sample ${w.index}`} />
                    <div>
                      <div>
                        true <b>{ev.classes[w.label]}</b>
                      </div>
                      {top.map(([p, i]) => (
                        <div key={i} className={i === w.label ? 'okc' : 'err'}>
                          {ev.classes[i]} {(p * 100).toFixed(1)}%
                        </div>
                      ))}
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
          <TryIt runDir={runDir} shape={ev.shape} classes={ev.classes} />
        </div>
      )}
    </div>
  );
}
