/** File > Export…: format, weights (fresh or a run's best/last), destination folder, progress and the files written. */
import { useEffect, useRef, useState } from 'react';
import { serializeProject } from '../../../app/graph/schema';
import { getHost } from '../../host';
import { editorStore, useEditor } from '../../store';
import { useExport } from './store';
import { defaultWeights, type WeightsChoice } from './defaultWeights';

type Format = 'tfjs' | 'onnx' | 'pytorch' | 'all' | 'bundle';
const FORMATS: { id: Format; label: string; what: string }[] = [
  {
    id: 'pytorch',
    label: 'PyTorch',
    what: 'model.py (nn.Module classes, load()), model.safetensors, train.py (torchrun-ready)',
  },
  { id: 'onnx', label: 'ONNX', what: 'model.onnx, opset 13: input "input" [N, C, H, W], output "output"' },
  { id: 'tfjs', label: 'TensorFlow.js', what: 'model.json + weights.bin for tf.loadLayersModel (NCHW in and out)' },
  { id: 'all', label: 'All three', what: 'tfjs/, onnx/ and pytorch/ folders side by side' },
  {
    id: 'bundle',
    label: 'Project bundle',
    what: "one .netloom-bundle.json: the saved project, its runs' metrics and weights",
  },
];

interface RunChoice {
  dir: string;
  label: string;
}

const base = (name: string) => name.replace(/(\.netloom)?\.json$/i, '') || 'model';
const relativeTo = (dir: string, f: string) => (f.startsWith(dir) ? f.slice(dir.length).replace(/^[\\/]/, '') : f);

export function ExportDialog() {
  const st = useExport();
  const file = useEditor((s) => s.file);
  const dirty = useEditor((s) => s.version !== s.savedVersion);
  const [format, setFormat] = useState<Format>('all');
  // null: the default (the latest completed run's best checkpoint); a value once the person picks one.
  const [picked, setPicked] = useState<string | null>(null);
  const [auto, setAuto] = useState<WeightsChoice>({ value: 'fresh', note: '' });
  const weights = picked ?? auto.value;
  const setWeights = setPicked;
  const box = useRef<HTMLDivElement>(null);
  const [runs, setRuns] = useState<RunChoice[]>([]);
  const [outDir, setOutDir] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);

  useEffect(() => {
    if (!st.open) return;
    setPicked(null);
    let live = true;
    void getHost()
      .invoke('runs.list', file.path ? { projectPath: file.path } : {})
      .then((r) => {
        if (!live || !r.ok) return;
        setAuto(defaultWeights(r.value));
        setRuns(
          r.value
            .filter((x) => x.status !== 'running')
            .map((x) => ({
              dir: x.dir,
              label: `${x.id} · ${x.epochs_done}/${x.epochs} epochs${x.best ? ` · best ${x.best.monitor} ${x.best.value.toFixed(4)}` : ''}`,
            })),
        );
      });
    return () => {
      live = false;
    };
  }, [st.open, file.path]);

  // The dialog takes the keyboard when it opens (Escape closes it wherever the focus was).
  useEffect(() => {
    if (st.open) box.current?.focus();
  }, [st.open]);

  if (!st.open) return null;
  const close = () => {
    if (st.phase !== 'running') st.setOpen(false);
  };
  const choose = async () => {
    setPickError(null);
    const r = await getHost().invoke('dialog.saveFile', {
      title: 'Export into this folder (created if needed)',
      suggestedName: `${base(file.name)}-export`,
    });
    if (!r.ok) setPickError(r.error.message);
    else if (r.value) setOutDir(r.value.path);
  };
  const run = async () => {
    if (!outDir) return;
    const h = getHost();
    const exportId = `x${Date.now().toString(36)}`;
    st.begin();
    const stop = h.on('export.progress', (p) => {
      if (p.exportId === exportId) useExport.getState().line(p.message);
    });
    const [dir, which] =
      weights === 'fresh' ? [undefined, 'best' as const] : [weights.slice(5), weights.slice(0, 4) as 'best' | 'last'];
    // The saved file when it is up to date (a bundle always needs it), else the canvas's graph as it is now.
    const source =
      file.path && (!dirty || format === 'bundle')
        ? { projectPath: file.path }
        : { text: serializeProject(editorStore.getState().graph) };
    const r = await h.invoke('export.run', { ...source, runDir: dir, which, format, outDir, exportId });
    stop();
    useExport.getState().finish(r.ok ? r.value : { error: r.error.message });
  };
  const bundleBlocked = format === 'bundle' && (!file.path || dirty);
  return (
    <div className="nl-dialog-backdrop" onMouseDown={close}>
      <div
        className="nl-dialog"
        role="dialog"
        aria-label="Export"
        data-testid="export-dialog"
        style={{ width: 520 }}
        ref={box}
        tabIndex={-1}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <div className="nl-dialog-title">Export {file.name}</div>
        <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
          {FORMATS.map((f) => (
            <label
              key={f.id}
              style={{
                display: 'grid',
                gridTemplateColumns: '18px 110px 1fr',
                gap: 6,
                fontSize: 12,
                alignItems: 'baseline',
              }}
            >
              <input
                type="radio"
                name="export-format"
                value={f.id}
                checked={format === f.id}
                data-testid={`export-format-${f.id}`}
                onChange={() => setFormat(f.id)}
              />
              <b>{f.label}</b>
              <span style={{ color: 'var(--text-muted)' }}>{f.what}</span>
            </label>
          ))}
        </fieldset>
        <label className="nl-field">
          <span className="nl-field-name">weights</span>
          <select
            className="nl-input"
            value={weights}
            data-testid="export-weights"
            onChange={(e) => setWeights(e.target.value)}
          >
            <option value="fresh">fresh initialization (PyTorch's init, seeded)</option>
            {runs.flatMap((r) => [
              <option key={`best ${r.dir}`} value={`best:${r.dir}`}>
                best of {r.label}
              </option>,
              <option key={`last ${r.dir}`} value={`last:${r.dir}`}>
                last of {r.label}
              </option>,
            ])}
          </select>
        </label>
        {picked === null && auto.note && (
          <div className="nl-insp-desc" data-testid="export-weights-note">
            {auto.note}
          </div>
        )}
        <div className="nl-field">
          <span className="nl-field-name">destination</span>
          <span className="nl-row" style={{ alignItems: 'center', minWidth: 0 }}>
            <button
              className="nl-btn"
              style={{ whiteSpace: 'nowrap', flex: 'none' }}
              data-testid="export-choose"
              onClick={() => void choose()}
            >
              Choose folder…
            </button>
            <span
              className="mono"
              data-testid="export-dest"
              title={outDir ?? ''}
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 11.5 }}
            >
              {outDir ?? 'none chosen'}
            </span>
          </span>
        </div>
        {pickError && <div className="nl-field-error">{pickError}</div>}
        {bundleBlocked && (
          <div className="nl-field-error">
            A bundle holds the saved project file: save the project first (File &gt; Save).
          </div>
        )}
        {st.phase !== 'idle' && (
          <div
            data-testid="export-log"
            className="mono"
            style={{ fontSize: 11, maxHeight: 90, overflow: 'auto', color: 'var(--text-muted)' }}
          >
            {st.log.map((l, i) => (
              <div key={i}>{l}</div>
            ))}
            {st.phase === 'running' && <div>exporting…</div>}
          </div>
        )}
        {st.phase === 'error' && (
          <div className="nl-field-error" data-testid="export-error">
            {st.error}
          </div>
        )}
        {st.phase === 'done' && (
          <div data-testid="export-files" style={{ fontSize: 12 }}>
            <div>
              {st.files.length} file(s) written to <span className="mono">{st.outDir}</span>:
            </div>
            <ul className="mono" style={{ margin: '4px 0 0', paddingLeft: 18, fontSize: 11.5 }}>
              {st.files.map((f) => (
                <li key={f}>{relativeTo(st.outDir ?? '', f)}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="nl-row end">
          <button className="nl-btn" onClick={close} disabled={st.phase === 'running'}>
            Close
          </button>
          <button
            className="nl-btn primary"
            data-testid="export-run"
            disabled={!outDir || st.phase === 'running' || bundleBlocked}
            onClick={() => void run()}
          >
            {st.phase === 'running' ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </div>
  );
}
