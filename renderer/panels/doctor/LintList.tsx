/** Before training: the doctor's findings on the open document, each with its reason, its nodes and its fixes. */
import { useEffect, useMemo } from 'react';
import { lintGraph } from '../../../app/doctor/lint';
import { RULES } from '../../../app/doctor/rules';
import { editorStore, useEditor } from '../../store';
import { analyze } from '../../store/analysis';
import { applyDoctorFixToDocument, silenceRule, tryRemedy } from './actions';
import { highlightStore } from './highlight';

const title = (id: string) => RULES.find((r) => r.id === id)?.title ?? id;

export function LintList() {
  const graph = useEditor((s) => s.graph);
  const locked = useEditor((s) => s.editLock !== null);
  const analysis = analyze(graph);
  // A drag changes positions only: the analysis and everything the rules read stay the same objects.
  const { training, dataset, doctor, modules, edges } = graph;
  // On purpose not `graph`, whose positions change on every drag frame.
  const { findings, silenced } = useMemo(
    () => lintGraph(graph, { analysis }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [analysis, training, dataset, doctor, modules, edges],
  );
  useEffect(() => {
    highlightStore.getState().setBase(findings.flatMap((f) => f.nodeIds.map((id) => ({ id, tone: f.severity }))));
    return () => highlightStore.getState().setBase([]);
  }, [findings]);
  const show = (nodes: string[], modules: string[] | undefined, tone: 'error' | 'warning' | 'info') => {
    highlightStore.getState().set(nodes, modules ?? [], tone);
    editorStore.getState().select(nodes);
  };
  return (
    <section className="nl-doctor-section" data-testid="doctor-lint" aria-label="Before training">
      <h3>
        Before training{' '}
        <span className="nl-muted">
          {findings.length === 0
            ? 'nothing to report'
            : `${findings.length} finding${findings.length === 1 ? '' : 's'}`}
        </span>
      </h3>
      <ul className="nl-doctor-list">
        {findings.map((f, i) => (
          <li
            key={`${f.rule}-${i}`}
            className={`nl-doctor-item ${f.severity}`}
            data-testid="doctor-finding"
            data-rule={f.rule}
            onMouseEnter={() => highlightStore.getState().set(f.nodeIds, f.moduleIds ?? [], f.severity)}
          >
            <span className="nl-doctor-icon" role="img" aria-label={f.severity} title={f.severity} />
            <div className="nl-doctor-body">
              <div className="nl-doctor-title">
                {title(f.rule)} <code className="nl-muted">{f.rule}</code>
              </div>
              <div>{f.message}</div>
              <div className="nl-doctor-actions">
                {(f.nodeIds.length > 0 || (f.moduleIds?.length ?? 0) > 0) && (
                  <button className="nl-link" onClick={() => show(f.nodeIds, f.moduleIds, f.severity)}>
                    show{' '}
                    {f.nodeIds.length > 0
                      ? `${f.nodeIds.length} node${f.nodeIds.length === 1 ? '' : 's'}`
                      : 'container'}
                  </button>
                )}
                {f.fixes.map((fix) => (
                  <span key={fix.label} className="nl-doctor-fix">
                    <button
                      className="nl-fix"
                      data-testid="doctor-fix"
                      disabled={locked}
                      title={locked ? 'Training is running' : fix.label}
                      onClick={() => {
                        applyDoctorFixToDocument(fix);
                        highlightStore.getState().clear();
                      }}
                    >
                      {fix.label}
                    </button>
                    <button
                      className="nl-fix"
                      data-testid="doctor-fix-try"
                      disabled={locked}
                      aria-label={`${fix.label}, then train`}
                      title="Apply this fix and start a run of the variant (compare the runs in the Compare tab)"
                      onClick={() => {
                        highlightStore.getState().clear();
                        void tryRemedy(fix);
                      }}
                    >
                      ▶
                    </button>
                  </span>
                ))}
                <button
                  className="nl-link"
                  title="Do not report this rule for this project (saved in the project file)"
                  onClick={() => silenceRule(f.rule, true)}
                >
                  silence
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {silenced.length > 0 && (
        <div className="nl-muted">
          Silenced here:{' '}
          {silenced.map((id) => (
            <button
              key={id}
              className="nl-link"
              title={`Report "${title(id)}" again`}
              onClick={() => silenceRule(id, false)}
            >
              {id} ✕
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
