import { useEffect, useMemo } from 'react';
import { buildModuleTree, reprModel } from '../../app/modules';
import { getHost } from '../host';
import { useEditor } from '../store';
import { useAnalysis } from '../store/analysis';
import { installTrainingEvents, reattach, trainingStore, useTraining, type DockTab } from '../store/training';
import { ModulePanel } from '../panels/modules/ModulePanel';
import { LiveCharts } from '../panels/charts/LiveCharts';
import { EvaluationPanel } from '../panels/evaluation/EvaluationPanel';
import { RunsPanel } from '../panels/runs/RunsPanel';
import { DataPanel } from '../panels/training/DataPanel';
import { TrainingPanel } from '../panels/training/TrainingPanel';
import { DockResizer, useDockHeight } from './DockResizer';
import { DoctorPanel } from '../panels/doctor/DoctorPanel';
import { BenchPanel } from '../panels/doctor/BenchPanel';
import './dock.css';

const TABS: [DockTab, string][] = [
  ['training', 'Training'],
  ['charts', 'Charts'],
  ['runs', 'Runs'],
  ['evaluation', 'Evaluation'],
  ['data', 'Data'],
  ['modules', 'Modules'],
  ['repr', 'print(model)'],
  ['doctor', 'Doctor'],
  ['bench', 'Compare'],
];

function Repr() {
  const graph = useEditor((s) => s.graph);
  const a = useAnalysis();
  const text = useMemo(() => reprModel(buildModuleTree(graph, a)), [graph, a]);
  return (
    <pre className="nl-repr" data-testid="dock-repr">
      {text}
    </pre>
  );
}

/** The bottom dock: Training | Charts | Runs | Evaluation | Data | print(model). */
export function Dock() {
  const tab = useTraining((s) => s.tab);
  const open = useTraining((s) => s.dockOpen);
  const phase = useTraining((s) => s.phase);
  const points = useTraining((s) => s.series.bx.length);
  // What the charts hold, for tests and tools: the first batch and the epochs they start from.
  const firstEpoch = useTraining((s) => s.series.ex[0] ?? 0);
  const epochPoints = useTraining((s) => s.series.ex.length);
  useEffect(() => {
    const stop = installTrainingEvents(getHost());
    void reattach(getHost());
    return stop;
  }, []);
  const set = trainingStore.getState();
  const [height, setHeight] = useDockHeight();
  return (
    <section
      className={`nl-dock${open ? '' : ' closed'}`}
      aria-label="Training dock"
      data-testid="dock"
      data-points={points}
      data-first-epoch={firstEpoch}
      data-epoch-points={epochPoints}
      style={open ? { height } : undefined}
    >
      <DockResizer height={height} open={open} onHeight={setHeight} onOpen={(o) => set.setDockOpen(o)} />
      <div className="nl-dock-tabs">
        <div className="nl-dock-tablist" role="tablist" aria-label="Dock panels">
          {TABS.map(([id, label]) => (
            <button
              key={id}
              role="tab"
              aria-selected={open && tab === id}
              className={`nl-tab${open && tab === id ? ' on' : ''}`}
              data-testid={`dock-${id}`}
              onClick={() => set.setTab(id)}
            >
              {label}
              {id === 'training' && phase !== 'idle' ? ' ●' : ''}
            </button>
          ))}
        </div>
        <span className="nl-spacer" />
        <button
          className="nl-chevron"
          aria-label={open ? 'Collapse the dock' : 'Expand the dock'}
          onClick={() => set.setDockOpen(!open)}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div className="nl-dock-body" tabIndex={0} role="tabpanel" aria-label={TABS.find(([id]) => id === tab)?.[1]}>
          {tab === 'training' && <TrainingPanel />}
          {tab === 'charts' && <LiveCharts />}
          {tab === 'runs' && <RunsPanel />}
          {tab === 'evaluation' && <EvaluationPanel />}
          {tab === 'data' && <DataPanel />}
          {tab === 'modules' && <ModulePanel />}
          {tab === 'repr' && <Repr />}
          {tab === 'doctor' && <DoctorPanel />}
          {tab === 'bench' && <BenchPanel />}
        </div>
      )}
    </section>
  );
}

/** Above the canvas while training: why structural edits are refused. */
export function TrainingLockBanner() {
  const lock = useEditor((s) => s.editLock);
  if (!lock) return null;
  return (
    <div className="nl-lock-banner" data-testid="edit-lock" role="status" title={`Locked: ${lock}`}>
      Locked: {lock}
    </div>
  );
}
