/**
 * The Compare tab (the experiment bench): pick two or more runs of this project (a variant made
 * by a remedy included; a K-fold run is one entry, its folds averaged): their curves on shared
 * axes, their settings side by side with differences marked, and the first two runs' graphs side
 * by side with a structural diff in the same colours on both canvases.
 */
import { useEffect, useMemo, useState } from 'react';
import { formatDiff } from '../../../app/doctor/diff/format';
import { diffGraphs } from '../../../app/doctor/diff/graph-diff';
import { diffSettings } from '../../../app/doctor/diff/settings-diff';
import { parseProjectText } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { getHost } from '../../host';
import { useEditor } from '../../store';
import { useTraining } from '../../store/training';
import { RunOverlay } from '../runs/RunOverlay';
import { loadEntry, type BenchEntry, type Summary } from './bench-data';
import { DiffCanvas, type DiffMark } from './DiffCanvas';
import { SettingsTable } from './SettingsTable';
import './doctor.css';

const LEGEND: [DiffMark, string][] = [
  ['added', 'added'],
  ['removed', 'removed'],
  ['changed', 'changed parameters'],
  ['moved', 'moved between containers'],
];

function graphOf(e: BenchEntry): Graph | null {
  const g = parseProjectText(e.detail.graphText, `${e.dir}/graph.json`);
  return g.ok ? g.value : null;
}

export function BenchPanel() {
  const path = useEditor((s) => s.file.path);
  const version = useTraining((s) => s.runsVersion);
  const [runs, setRuns] = useState<Summary[]>([]);
  const [picked, setPicked] = useState<BenchEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void getHost()
      .invoke('runs.list', path ? { projectPath: path } : {})
      .then((r) => {
        if (r.ok) setRuns(r.value);
        else setError(r.error.message);
      });
  }, [path, version]);
  const toggle = async (r: Summary) => {
    if (picked.some((p) => p.label.startsWith(r.id))) {
      setPicked(picked.filter((p) => !p.label.startsWith(r.id)));
      return;
    }
    const e = await loadEntry(r);
    if (typeof e === 'string') setError(e);
    else setPicked((p) => [...p, e]);
  };
  const [a, b] = picked;
  const diff = useMemo(() => {
    if (!a || !b) return null;
    const ga = graphOf(a);
    const gb = graphOf(b);
    if (!ga || !gb) return null;
    const d = diffGraphs(ga, gb);
    const settings = diffSettings(
      { training: a.detail.training, dataset: a.detail.dataset },
      { training: b.detail.training, dataset: b.detail.dataset },
    );
    const marksA = new Map<string, DiffMark>();
    const marksB = new Map<string, DiffMark>();
    for (const n of d.nodes) {
      if (n.a) marksA.set(n.a, n.status);
      if (n.b) marksB.set(n.b, n.status);
    }
    return { ga, gb, d, settings, marksA, marksB, text: formatDiff(d, settings) };
  }, [a, b]);
  return (
    <div className="nl-bench" data-testid="bench-panel">
      {error && <div className="nl-insp-error">{error}</div>}
      <div className="nl-bench-runs" role="group" aria-label="Runs to compare">
        {runs.length === 0 && (
          <span className="nl-muted">
            No runs yet: train the project, or try a remedy from the Doctor tab, then compare the runs here.
          </span>
        )}
        {runs.map((r) => (
          <label key={r.dir}>
            <input
              type="checkbox"
              data-testid="bench-pick"
              checked={picked.some((p) => p.label.startsWith(r.id))}
              onChange={() => void toggle(r)}
            />{' '}
            {r.id}
            {r.kfold ? ` (${r.kfold.k}-fold)` : ''}{' '}
            <span className="nl-muted">
              {r.status}
              {r.test ? ` · test ${(r.test.acc * 100).toFixed(1)}%` : ''}
            </span>
          </label>
        ))}
      </div>
      {picked.length === 1 && <div className="nl-muted">Pick one more run to compare.</div>}
      {picked.length >= 2 && (
        <>
          <RunOverlay runs={picked.map((p) => p.detail)} />
          {picked.some((p) => p.spread) && (
            <div className="nl-muted">
              {picked
                .filter((p) => p.spread)
                .map((p) => `${p.label}: ${p.spread}`)
                .join(' · ')}
            </div>
          )}
          <SettingsTable entries={picked} />
          {diff && (
            <>
              <div className="nl-bench-legend">
                {LEGEND.map(([k, text]) => (
                  <span key={k} style={{ ['--swatch' as string]: `var(--diff-${k})` }}>
                    {text}
                  </span>
                ))}
                <span className="nl-muted">
                  params {diff.d.totals.a.params.toLocaleString('en-US')} →{' '}
                  {diff.d.totals.b.params.toLocaleString('en-US')} · MACs {diff.d.totals.a.macs.toLocaleString('en-US')}{' '}
                  → {diff.d.totals.b.macs.toLocaleString('en-US')}
                </span>
              </div>
              <pre className="nl-diff-list" data-testid="bench-diff">
                {diff.text}
              </pre>
              <div className="nl-bench-canvases">
                <DiffCanvas graph={diff.ga} marks={diff.marksA} side="a" title={`A: ${a.label}`} />
                <DiffCanvas graph={diff.gb} marks={diff.marksB} side="b" title={`B: ${b.label}`} />
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
