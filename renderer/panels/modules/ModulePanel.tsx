import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { buildModuleTree, countParameters, type ModuleEntry } from '../../../app/modules';
import type { ParamStat } from '../../../app/protocol';
import { getHost } from '../../host';
import { editorStore, useEditor } from '../../store';
import { useAnalysis } from '../../store/analysis';
import { useTraining } from '../../store/training';
import { Activations } from './Activations';
import { useGradients } from './gradients';
import { Histogram } from './Histogram';
import { selectedModule, selectionIdOf } from './selected';

type Stat = z.infer<typeof ParamStat>;
const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const fmt = (v: number) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2));
const prefixed = (m: ModuleEntry, name: string) => (m.path ? `${m.path}.${name}` : name);

/** The selected module as PyTorch shows it: children(), named_parameters() (with values after training), named_buffers(), mode and device. */
export function ModulePanel() {
  const graph = useEditor((s) => s.graph);
  const selection = useEditor((s) => s.selection);
  const editorBackend = useEditor((s) => s.backend);
  const analysis = useAnalysis();
  const phase = useTraining((s) => s.phase);
  const trainBackend = useTraining((s) => s.backend);
  const run = useTraining((s) => s.evalRun ?? s.runDir);
  const runsVersion = useTraining((s) => s.runsVersion);
  const tree = useMemo(() => buildModuleTree(graph, analysis), [graph, analysis]);
  const m = selectedModule(tree, selection);
  const [stats, setStats] = useState<Map<string, Stat>>(new Map());
  useEffect(() => {
    if (!run || phase !== 'idle') return;
    void getHost()
      .invoke('runs.params', { runDir: run })
      .then((r) => setStats(r.ok ? new Map(r.value.map((p) => [p.name, p])) : new Map()));
  }, [run, phase, runsVersion]);
  const grads = useGradients(run, phase === 'idle', runsVersion);
  const count = countParameters(m);
  const own = m.parameters.map((p) => ({ ...p, full: prefixed(m, p.name) }));
  const nested = (function collect(e: ModuleEntry): { full: string; shape: number[]; trainable: boolean }[] {
    return e.children.flatMap((c) => [
      ...c.parameters.map((p) => ({ full: prefixed(c, p.name), shape: [...p.shape], trainable: p.trainable })),
      ...collect(c),
    ]);
  })(m);
  const params = [...own.map((p) => ({ full: p.full, shape: [...p.shape], trainable: p.trainable })), ...nested];
  const buffers = (function collect(e: ModuleEntry): { full: string; shape: number[] }[] {
    return [
      ...e.buffers.map((b) => ({ full: prefixed(e, b.name), shape: [...b.shape] })),
      ...e.children.flatMap(collect),
    ];
  })(m);
  const select = (e: ModuleEntry) => {
    const id = selectionIdOf(e);
    editorStore.getState().select(id ? [id] : []);
  };
  return (
    <div className="nl-modpanel" data-testid="module-panel">
      <div className="nl-modpanel-head">
        <span className="mono">
          <b>{m.path || 'model'}</b>: {m.className}
        </span>
        <span>
          {count.total.toLocaleString()} parameters ({count.trainable.toLocaleString()} trainable)
        </span>
        <span>
          mode{' '}
          <b className="mono" data-testid="module-mode">
            {phase === 'idle' ? 'eval()' : 'train()'}
          </b>
        </span>
        <span>
          device <b data-testid="module-device">{trainBackend ?? editorBackend ?? '—'}</b>
        </span>
        {stats.size > 0 && <span className="nl-muted">values from run {run?.split(/[\\/]/).pop()}</span>}
        {grads.loss !== null && (
          <span className="nl-muted" data-testid="grad-info">
            gradients: loss {fmt(grads.loss)} on one training batch of {grads.batch}
          </span>
        )}
      </div>
      <div className="nl-modpanel-grid">
        <div>
          <div className="nl-section-title">children()</div>
          {m.path !== '' && (
            <button className="nl-link" onClick={() => editorStore.getState().select([])}>
              ↑ model
            </button>
          )}
          {m.children.length === 0 && <div className="nl-muted">no sub-modules</div>}
          {m.children.map((c) => (
            <div key={c.path} className="nl-child" onClick={() => select(c)} data-testid="module-child">
              <span className="mono">({c.name})</span> <span>{c.layerRepr ?? c.className}</span>
            </div>
          ))}
        </div>
        <div>
          <div className="nl-section-title">named_parameters()</div>
          <div className="nl-table-scroll" tabIndex={0} role="region" aria-label="named_parameters()">
            <table className="nl-table compact" data-testid="named-parameters">
              <thead>
                <tr>
                  <th>name</th>
                  <th>shape</th>
                  <th>numel</th>
                  <th>requires_grad</th>
                  <th>mean</th>
                  <th>std</th>
                  <th>min</th>
                  <th>max</th>
                  <th>histogram</th>
                  <th title="gradient of the loss on one training batch at the run's checkpoint">grad histogram</th>
                  <th>grad std</th>
                  <th>max |grad|</th>
                </tr>
              </thead>
              <tbody>
                {params.map((p) => {
                  const st = stats.get(p.full);
                  return (
                    <tr key={p.full}>
                      <td className="mono">{p.full}</td>
                      <td className="mono">[{p.shape.join(', ')}]</td>
                      <td>{numel(p.shape).toLocaleString()}</td>
                      <td>{p.trainable ? 'True' : 'False'}</td>
                      <td>{st ? fmt(st.mean) : '—'}</td>
                      <td>{st ? fmt(st.std) : '—'}</td>
                      <td>{st ? fmt(st.min) : '—'}</td>
                      <td>{st ? fmt(st.max) : '—'}</td>
                      <td>{st ? <Histogram bins={st.histogram} /> : ''}</td>
                      {(() => {
                        const gs = grads.stats.get(p.full);
                        return (
                          <>
                            <td>{gs ? <Histogram bins={gs.histogram} kind="gradient" /> : ''}</td>
                            <td>{gs ? fmt(gs.std) : '—'}</td>
                            <td>{gs ? fmt(gs.max_abs) : '—'}</td>
                          </>
                        );
                      })()}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="nl-section-title">named_buffers()</div>
          {buffers.length === 0 && <div className="nl-muted">no buffers</div>}
          {buffers.length > 0 && (
            <table className="nl-table compact" data-testid="named-buffers">
              <tbody>
                {buffers.map((b) => {
                  const st = stats.get(b.full);
                  return (
                    <tr key={b.full}>
                      <td className="mono">{b.full}</td>
                      <td className="mono">[{b.shape.join(', ')}]</td>
                      <td>{st ? `mean ${fmt(st.mean)}, min ${fmt(st.min)}, max ${fmt(st.max)}` : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {run && m.nodeId && phase === 'idle' && <Activations runDir={run} nodeId={m.nodeId} />}
        </div>
      </div>
    </div>
  );
}
