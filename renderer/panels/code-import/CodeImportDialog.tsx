/**
 * PyTorch code onto the canvas: a .py file (from Import…) or pasted code. Read without running it
 * (the static reader) unless the person ticks that their Python may run it to trace it; the input
 * shape, the class and its constructor arguments are asked here.
 */
import { useState } from 'react';
import { parseProjectText } from '../../../app/graph/schema';
import { autoLayout } from '../../canvas/layout';
import { loadGraph } from '../../commands/file';
import { getHost } from '../../host';
import { editorStore } from '../../store';
import { useCodeImport } from './store';

/** `1,28,28` -> [1, 28, 28]; a string is what is wrong. */
export function parseShape(text: string): number[] | string {
  const parts = text.split(/[,x\s]+/).filter(Boolean);
  const dims = parts.map(Number);
  if (parts.length === 0 || parts.length > 4 || dims.some((d) => !Number.isInteger(d) || d < 1))
    return 'give the shape of one sample as positive integers: 1,28,28 for a grey 28x28 image, 784 for a vector';
  return dims;
}

export function CodeImportDialog() {
  const st = useCodeImport();
  const [shape, setShape] = useState('');
  const [className, setClassName] = useState('');
  const [args, setArgs] = useState('');
  const [runCode, setRunCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!st.open) return null;
  const close = () => {
    if (!busy) {
      setError(null);
      st.close();
    }
  };
  const shapeValue = shape.trim() ? parseShape(shape) : undefined;
  const shapeError = typeof shapeValue === 'string' ? shapeValue : null;
  const submit = async () => {
    if (shapeError) return;
    setBusy(true);
    setError(null);
    const source = st.path ? { path: st.path } : { text: st.text };
    const r = await getHost().invoke('import.code', {
      ...source,
      className: className.trim() || undefined,
      args: args.trim() || undefined,
      inputShape: Array.isArray(shapeValue) ? shapeValue : undefined,
      runCode,
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    const g = parseProjectText(r.value.projectText, r.value.name);
    if (!g.ok) {
      setError(g.error);
      return;
    }
    const store = editorStore;
    const laid = await autoLayout(g.value, store.getState().direction);
    await loadGraph(store, laid.ok ? laid.value : g.value, { path: null, name: r.value.name }, false, true);
    store
      .getState()
      .notify(
        `Imported ${r.value.name} (${r.value.reader === 'trace' ? 'traced with your Python' : 'read without running it'})${r.value.notes.length ? `: ${r.value.notes.join('; ')}` : ''}`,
      );
    st.close();
  };
  return (
    <div className="nl-dialog-backdrop" onMouseDown={close}>
      <div
        className="nl-dialog"
        role="dialog"
        aria-label="Import PyTorch code"
        data-testid="code-import-dialog"
        style={{ width: 560 }}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <div className="nl-dialog-title">Import PyTorch code{st.path ? `: ${st.path.split(/[\\/]/).pop()}` : ''}</div>
        {!st.path && (
          <textarea
            className="nl-input mono"
            data-testid="code-import-text"
            aria-label="PyTorch code"
            spellCheck={false}
            rows={12}
            placeholder={'class Net(nn.Module):\n    def __init__(self):\n        ...'}
            value={st.text}
            onChange={(e) => st.setText(e.target.value)}
            style={{
              fontSize: 11.5,
              resize: 'vertical',
              whiteSpace: 'pre',
              height: 220,
              minHeight: 120,
              overflow: 'auto',
            }}
          />
        )}
        <TextField
          name="input shape"
          testId="code-import-shape"
          placeholder="1,28,28 (one sample, C,H,W or features)"
          value={shape}
          onChange={setShape}
        />
        {shapeError && <div className="nl-field-error">{shapeError}</div>}
        <TextField
          name="class"
          testId="code-import-class"
          placeholder="the only nn.Module no other one uses"
          value={className}
          onChange={setClassName}
        />
        <TextField
          name="arguments"
          testId="code-import-args"
          placeholder='JSON, as {"num_classes": 10}'
          value={args}
          onChange={setArgs}
        />
        <label
          style={{ display: 'grid', gridTemplateColumns: '18px 1fr', gap: 6, fontSize: 12, alignItems: 'baseline' }}
        >
          <input
            type="checkbox"
            data-testid="code-import-run"
            checked={runCode}
            onChange={(e) => setRunCode(e.target.checked)}
          />
          <span>
            Run this code with my Python to trace it (torch.fx). <b>The code runs on this machine</b>: tick this only
            for code you trust. Unticked, the code is only read, never run (a common subset of PyTorch code).
          </span>
        </label>
        {error && (
          <div className="nl-field-error" data-testid="code-import-error" style={{ whiteSpace: 'pre-wrap' }}>
            {error}
          </div>
        )}
        <div className="nl-row end">
          <button className="nl-btn" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button
            className="nl-btn primary"
            data-testid="code-import-go"
            disabled={busy || shapeError !== null || (!st.path && !st.text.trim())}
            onClick={() => void submit()}
          >
            {busy ? (runCode ? 'Running…' : 'Reading…') : runCode ? 'Run and import' : 'Import'}
          </button>
        </div>
      </div>
    </div>
  );
}

/** One labelled monospace text field of the dialog. */
function TextField(p: {
  name: string;
  testId: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="nl-field">
      <span className="nl-field-name">{p.name}</span>
      <input
        className="nl-input mono"
        data-testid={p.testId}
        placeholder={p.placeholder}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </label>
  );
}
