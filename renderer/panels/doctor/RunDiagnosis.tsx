/** During and after training: a run's curves read by the doctor, the evidence on a chart, the remedies as one-click variants. */
import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { diagnoseRun, type RunSeries } from '../../../app/doctor/curves';
import { seriesFromDetail } from '../../../app/doctor/curves/from-run';
import type { ActivationZeros, BatchNormStats, GradNorm } from '../../../app/doctor/curves/types';
import { remediesFor } from '../../../app/doctor/suggest';
import { parseProjectText } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import type { RunDetail, RunSummary } from '../../../app/protocol';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { getHost } from '../../host';
import { useEditor } from '../../store';
import { useTraining } from '../../store/training';
import { foldDirOf } from '../runs/KFoldRows';
import { tryRemedy } from './actions';
import { EvidenceChart } from './EvidenceChart';
import { highlightStore } from './highlight';
import { batchnormStats, gradNorms, reluZeros } from './internals';

type Summary = z.infer<typeof RunSummary>;
type Detail = z.infer<typeof RunDetail>;

/** Classes = the width of the graph's one output, for the chance-level loss. */
function classesOf(g: Graph): number | undefined {
  const a = analyzeGraph(g);
  const outs = a.order.filter((id) => !g.edges.some((e) => e.source === id));
  const s = outs.length === 1 ? a.nodes.get(outs[0])?.shape : null;
  return s && s.length === 1 ? s[0] : undefined;
}

export function RunDiagnosis() {
  const path = useEditor((s) => s.file.path);
  const graph = useEditor((s) => s.graph);
  const phase = useTraining((s) => s.phase);
  const version = useTraining((s) => s.runsVersion);
  const seriesVersion = useTraining((s) => s.seriesVersion);
  const [runs, setRuns] = useState<Summary[]>([]);
  const [pick, setPick] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [inside, setInside] = useState<{
    gradients?: GradNorm[];
    activations?: ActivationZeros[];
    batchnorm?: BatchNormStats[];
    note?: string;
  }>({});
  useEffect(() => {
    void getHost()
      .invoke('runs.list', path ? { projectPath: path } : {})
      .then((r) => {
        if (r.ok) setRuns(r.value);
      });
  }, [path, version]);
  const dir = pick ?? (runs[0] ? foldDirOf(runs[0]) : null);
  // While the run trains, re-read it every few seconds of progress; after, once.
  const tick = phase === 'idle' ? 0 : Math.floor(seriesVersion / 20);
  useEffect(() => {
    if (!dir) {
      setDetail(null);
      return;
    }
    let live = true;
    void getHost()
      .invoke('runs.get', { runDir: dir })
      .then((r) => {
        if (live) setDetail(r.ok ? r.value : null);
      });
    setInside({});
    return () => {
      live = false;
    };
  }, [dir, version, tick]);
  const runGraph = useMemo(() => {
    if (!detail) return null;
    const g = parseProjectText(detail.graphText, 'graph.json');
    return g.ok ? g.value : null;
  }, [detail]);
  const series = useMemo<RunSeries | null>(() => {
    if (!detail) return null;
    const s = detail.summary;
    const perEpoch =
      s.epochs_done > 0 && detail.batches.length > 0
        ? Math.round(detail.batches[detail.batches.length - 1].x / s.epochs_done)
        : 0;
    return {
      ...seriesFromDetail(
        detail,
        { status: s.status, message: s.message },
        perEpoch,
        runGraph ? classesOf(runGraph) : undefined,
      ),
      ...inside,
    };
  }, [detail, runGraph, inside]);
  const diagnoses = useMemo(() => (series ? diagnoseRun(series) : []), [series]);
  const remedies = useMemo(() => diagnoses.map((d) => remediesFor(graph, d)), [graph, diagnoses]);
  const check = async () => {
    if (!dir || !runGraph) return;
    setInside({ note: 'reading gradients, activations and BatchNorm statistics…' });
    const [g, a, b] = await Promise.all([gradNorms(dir), reluZeros(dir, runGraph), batchnormStats(dir)]);
    const notes = [
      typeof g === 'string' ? `gradients: ${g}` : null,
      typeof a === 'string' ? `activations: ${a}` : null,
      typeof b === 'string' ? `BatchNorm: ${b}` : null,
    ].filter(Boolean);
    setInside({
      ...(typeof g !== 'string' ? { gradients: g } : {}),
      ...(typeof a !== 'string' ? { activations: a } : {}),
      ...(typeof b !== 'string' ? { batchnorm: b } : {}),
      note: notes.length
        ? notes.join('; ')
        : `checked ${typeof g !== 'string' ? g.length : 0} layers' gradients, ${typeof a !== 'string' ? a.length : 0} ReLUs and ${typeof b !== 'string' ? b.length : 0} BatchNorm layers`,
    });
  };
  return (
    <section className="nl-doctor-section" data-testid="doctor-curves" aria-label="Reading the curves">
      <h3>
        Reading the curves{' '}
        <select
          className="nl-input nl-doctor-run"
          aria-label="Run to read"
          value={dir ?? ''}
          onChange={(e) => setPick(e.target.value || null)}
        >
          {runs.length === 0 && <option value="">no runs yet</option>}
          {runs.map((r) => (
            <option key={r.dir} value={foldDirOf(r)}>
              {r.id}
              {r.kfold ? ` (K-fold, best fold)` : ''} · {r.status}
            </option>
          ))}
        </select>
        <button
          className="nl-link"
          disabled={!dir || phase !== 'idle'}
          title="Gradient norms per layer, the share of zeros per ReLU and BatchNorm running against batch statistics, from the run's best checkpoint"
          onClick={() => void check()}
        >
          check gradients and ReLUs
        </button>
        {inside.note && <span className="nl-muted"> {inside.note}</span>}
      </h3>
      {detail && diagnoses.length === 0 && (
        <div className="nl-muted" data-testid="doctor-healthy">
          Nothing to report on {detail.summary.id}: {detail.epochs.length} epoch(s), no sign of under- or overfitting,
          divergence or a too low learning rate.
        </div>
      )}
      <ul className="nl-doctor-list">
        {diagnoses.map((d, i) => {
          const fixes = remedies[i];
          return (
            <li
              key={d.id}
              className={`nl-doctor-item ${d.severity}`}
              data-testid="doctor-diagnosis"
              data-id={d.id}
              onMouseEnter={() => d.nodeIds && highlightStore.getState().set(d.nodeIds, [], d.severity)}
            >
              <span className="nl-doctor-icon" role="img" aria-label={d.severity} title={d.severity} />
              <div className="nl-doctor-body">
                <div className="nl-doctor-title">{d.title}</div>
                <div>{d.message}</div>
                {series && <EvidenceChart series={series} diagnosis={d} id={`${dir}-${d.id}`} />}
                <div className="nl-doctor-actions">
                  {fixes.map((f) => (
                    <button
                      key={f.label}
                      className="nl-fix"
                      data-testid="doctor-remedy"
                      disabled={phase !== 'idle'}
                      title="Apply this to the project (one undo step) and start a run of the variant"
                      onClick={() => void tryRemedy(f)}
                    >
                      Try: {f.label} ▶
                    </button>
                  ))}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
