import { useEffect, useState } from 'react';
import { useEditor } from '../store';
import { useAnalysis } from '../store/analysis';
import { useTraining } from '../store/training';
import { statusEngine } from './statusEngine';
import { formatBytes, formatCompact, formatInt } from '../format';

function ago(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

/** Always the truth about the document: parameters, MACs, activation memory, errors, save state, backend. */
export function StatusBar() {
  const a = useAnalysis();
  const dirty = useEditor((s) => s.version !== s.savedVersion);
  const savedAt = useEditor((s) => s.lastSavedAt);
  const hasPath = useEditor((s) => s.file.path !== null);
  const backend = useEditor((s) => s.backend);
  const phase = useTraining((s) => s.phase);
  const trainingBackend = useTraining((s) => s.backend);
  const device = useTraining((s) => s.device);
  const engine = statusEngine({ phase, backend: trainingBackend, device }, backend);
  const notice = useEditor((s) => s.notice);
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((x) => x + 1), 5000);
    return () => clearInterval(t);
  }, []);
  const errors = a.errors.length;
  const save = dirty
    ? hasPath
      ? 'unsaved changes'
      : 'not saved yet'
    : savedAt
      ? `saved ${ago(Date.now() - savedAt)}`
      : 'no changes';
  return (
    <footer className="nl-status" data-testid="status">
      <span title={`${formatInt(a.trainableParams)} trainable`}>
        <b data-testid="status-params">{formatInt(a.totalParams)}</b> params
      </span>
      <span>
        <b>{formatCompact(a.totalMacs)}</b> MACs
      </span>
      <span title="float32 activations of one sample (forward pass)">
        <b>{formatBytes(a.activationElements)}</b> activations / sample
      </span>
      <span className={errors ? 'err' : 'okc'} data-testid="status-errors">
        {errors ? `${errors} error${errors > 1 ? 's' : ''}` : 'no errors'}
      </span>
      <span data-testid="status-save">{save}</span>
      {engine && (
        <span {...(engine.training ? { 'data-testid': 'status-device' } : {})}>
          {engine.prefix} <b>{engine.value}</b>
        </span>
      )}
      <span className="nl-spacer" />
      {notice && (
        <span className={notice.error ? 'err' : ''} data-testid="status-notice" title={notice.text}>
          {notice.text}
        </span>
      )}
    </footer>
  );
}
