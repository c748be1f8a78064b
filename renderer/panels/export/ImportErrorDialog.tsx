/**
 * File > Import of an ONNX file with an operator Netloom has no kind for: the error (the operator,
 * its node and the closest kinds) and the way on, "Import the rest with placeholders" (as
 * `netloom import --partial`): each such operator becomes a red placeholder of the shape the file
 * records, which the person replaces (its error offers the closest kind); the other layers keep
 * the file's weights in the project's `imported` run.
 */
import { editorStore } from '../../store';
import { importModel } from './commands';
import { useImportError } from './store';

export function ImportErrorDialog() {
  const st = useImportError();
  if (!st.path) return null;
  const path = st.path;
  const close = () => {
    if (!st.busy) st.close();
  };
  const partial = async () => {
    st.setBusy(true);
    const done = await importModel(editorStore, path, true);
    if (done) useImportError.getState().close();
  };
  return (
    <div className="nl-dialog-backdrop" onMouseDown={close}>
      <div
        className="nl-dialog"
        role="dialog"
        aria-label="Import failed"
        data-testid="import-error-dialog"
        style={{ width: 560 }}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <div className="nl-dialog-title">Import {path.split(/[\\/]/).pop()}</div>
        <div className="nl-field-error" data-testid="import-error-message" style={{ whiteSpace: 'pre-wrap' }}>
          {st.message}
        </div>
        <div style={{ fontSize: 12 }}>
          <b>Import the rest with placeholders</b>: each operator without a kind becomes a red placeholder with the
          shape the file records, so the layers after it keep their shapes; the other layers keep the file&apos;s
          weights (in the project&apos;s <span className="mono">imported</span> run). Replace each placeholder with a
          layer (its error offers the closest kind) before training or exporting.
        </div>
        {st.partialError && (
          <div className="nl-field-error" data-testid="import-partial-error" style={{ whiteSpace: 'pre-wrap' }}>
            {st.partialError}
          </div>
        )}
        <div className="nl-row end">
          <button className="nl-btn" onClick={close} disabled={st.busy}>
            Cancel
          </button>
          <button
            className="nl-btn primary"
            data-testid="import-partial-go"
            onClick={() => void partial()}
            disabled={st.busy || st.partialError !== null}
            autoFocus
          >
            {st.busy ? 'Importing…' : 'Import the rest with placeholders'}
          </button>
        </div>
      </div>
    </div>
  );
}
