import { Fragment, useEffect, useState } from 'react';
import type { z } from 'zod';
import { parseProjectText } from '../../../app/graph/schema';
import type { RunDetail, RunSummary } from '../../../app/protocol';
import { loadGraph } from '../../commands/file';
import { getHost } from '../../host';
import { editorStore, useEditor } from '../../store';
import { startTraining, trainingStore, useTraining } from '../../store/training';
import { formatDuration, pct } from '../training/format';
import { foldDirOf, KFoldRows } from './KFoldRows';
import { RunOverlay } from './RunOverlay';

type Summary = z.infer<typeof RunSummary>;
export type Detail = z.infer<typeof RunDetail>;

async function fetchDetail(dir: string): Promise<Detail | null> {
  const r = await getHost().invoke('runs.get', { runDir: dir });
  if (!r.ok) {
    editorStore.getState().notify(r.error.message, true);
    return null;
  }
  return r.value;
}

/** The Runs tab: the project's run history, overlay of several runs' curves, evaluate, open, resume, delete. */
export function RunsPanel() {
  const path = useEditor((s) => s.file.path);
  const version = useTraining((s) => s.runsVersion);
  const phase = useTraining((s) => s.phase);
  const [runs, setRuns] = useState<Summary[]>([]);
  const [checked, setChecked] = useState<Record<string, Detail>>({});
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  useEffect(() => {
    void getHost()
      .invoke('runs.list', path ? { projectPath: path } : {})
      .then((r) => {
        if (r.ok) {
          setRuns(r.value);
          setError(null);
        } else setError(r.error.message);
      });
  }, [path, version, tick]);
  useEffect(() => {
    if (phase === 'idle') return;
    const t = setInterval(() => setTick((x) => x + 1), 3000);
    return () => clearInterval(t);
  }, [phase]);

  const toggle = async (dir: string) => {
    if (checked[dir]) {
      const { [dir]: _, ...rest } = checked;
      setChecked(rest);
      return;
    }
    const d = await fetchDetail(dir);
    if (d) setChecked((c) => ({ ...c, [dir]: d }));
  };
  const open = async (dir: string) => {
    const d = await fetchDetail(dir);
    if (!d) return;
    const g = parseProjectText(d.graphText, `${dir}/graph.json`);
    if (!g.ok) {
      editorStore.getState().notify(g.error, true);
      return;
    }
    await loadGraph(
      editorStore,
      { ...g.value, training: d.training, dataset: d.dataset },
      { path: null, name: `${d.summary.id}.netloom.json` },
      false,
      true,
    );
    editorStore.getState().notify(`Opened the graph run ${d.summary.id} was trained with (unsaved copy)`);
  };
  const resume = async (dir: string) => {
    const d = await fetchDetail(dir);
    if (!d) return;
    trainingStore.getState().setTab('charts');
    await startTraining(getHost(), { resume: dir, text: d.graphText, training: d.training, dataset: d.dataset });
  };
  const remove = async (r: Summary) => {
    if (!window.confirm(`Delete run ${r.id} and its checkpoints?`)) return;
    const res = await getHost().invoke('runs.delete', { runDir: r.dir });
    if (!res.ok) editorStore.getState().notify(res.error.message, true);
    setTick((x) => x + 1);
  };
  return (
    <div className="nl-runs" data-testid="runs-panel">
      {error && <div className="nl-insp-error">{error}</div>}
      {!runs.length && !error && (
        <div className="nl-muted" style={{ padding: 12 }}>
          No runs yet. Start one in the Training tab; runs are kept{' '}
          {path ? 'beside the project' : 'in untitled.runs/ until the project is saved'}.
        </div>
      )}
      {runs.length > 0 && (
        <table className="nl-table">
          <thead>
            <tr>
              <th title="overlay the curves of the ticked runs">cmp</th>
              <th>run</th>
              <th>status</th>
              <th>dataset</th>
              <th>optimizer</th>
              <th>backend</th>
              <th>epochs</th>
              <th>time</th>
              <th>best</th>
              <th>test acc</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <Fragment key={r.dir}>
                <tr data-testid="run-row" className={r.kfold ? 'kfold' : ''}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`overlay ${r.id}`}
                      checked={!!checked[foldDirOf(r)]}
                      onChange={() => void toggle(foldDirOf(r))}
                    />
                  </td>
                  <td className="mono wrap">
                    {r.kfold ? (
                      <button
                        className="nl-link"
                        data-testid="kfold-toggle"
                        title="show every fold and the mean ± std"
                        onClick={() => setExpanded((x) => ({ ...x, [r.dir]: !x[r.dir] }))}
                      >
                        {expanded[r.dir] ? '▾' : '▸'} {r.id} (K={r.kfold.k})
                      </button>
                    ) : (
                      r.id
                    )}
                  </td>
                  <td className={`status ${r.status}`}>{r.status.replace('_', ' ')}</td>
                  <td>{r.dataset}</td>
                  <td className="mono wrap">
                    {r.optimizer} lr={r.lr} bs={r.batch_size}
                  </td>
                  <td>{r.backend ?? '—'}</td>
                  <td>
                    {r.epochs_done}/{r.epochs}
                  </td>
                  <td>{formatDuration(r.duration_s)}</td>
                  <td className="mono wrap">
                    {r.kfold
                      ? r.best
                        ? `mean val_acc ${pct(r.best.value, 2)} ± ${pct(r.kfold.std?.val_acc, 2)}`
                        : '—'
                      : r.best
                        ? `${r.best.monitor} ${r.best.value.toFixed(4)} @${r.best.epoch}`
                        : '—'}
                  </td>
                  <td>{pct(r.test?.acc, 2)}</td>
                  <td className="actions">
                    <div className="nl-run-actions">
                      <button
                        className="nl-link"
                        data-testid="run-evaluate"
                        disabled={r.epochs_done === 0 && r.id !== 'imported'}
                        onClick={() => {
                          trainingStore.getState().setEvalRun(foldDirOf(r));
                          trainingStore.getState().setTab('evaluation');
                        }}
                      >
                        evaluate
                      </button>
                      <button className="nl-link" onClick={() => void open(foldDirOf(r))}>
                        open graph
                      </button>
                      {!r.kfold && (r.status === 'stopped' || r.status === 'failed') && r.epochs_done < r.epochs && (
                        <button
                          className="nl-link"
                          data-testid="run-resume"
                          disabled={phase !== 'idle'}
                          onClick={() => void resume(r.dir)}
                        >
                          resume
                        </button>
                      )}
                      <button
                        className="nl-link danger"
                        disabled={r.status === 'running'}
                        onClick={() => void remove(r)}
                      >
                        delete
                      </button>
                    </div>
                  </td>
                </tr>
                {r.kfold && expanded[r.dir] && <KFoldRows run={r} cols={11} />}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {Object.keys(checked).length > 0 && <RunOverlay runs={Object.values(checked)} />}
    </div>
  );
}
