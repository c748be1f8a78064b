import { useEditor } from '../store';
import { canRedo as historyCanRedo, canUndo as historyCanUndo } from '../../app/graph/history';
import { getCommand, runCommand } from '../commands/registry';
import type { ArgsOf, ArgsParam, CommandId } from '../commands/types';
import { formatKeys } from '../format';
import { TrainButtons } from './training/TrainButtons';
import { CodeImportDialog } from './code-import/CodeImportDialog';
import { ExportDialog } from './export/ExportDialog';
import { ImportErrorDialog } from './export/ImportErrorDialog';

function tip(id: string): string {
  const c = getCommand(id);
  if (!c) return id;
  return c.keys?.length ? `${c.label} (${formatKeys(c.keys[0])})` : c.label;
}

/** ` (Ctrl+Z)` for a command with a shortcut, else nothing. */
function keysOf(id: string): string {
  const k = getCommand(id)?.keys?.[0];
  return k ? ` (${formatKeys(k)})` : '';
}

function Btn<Id extends CommandId>({
  id,
  label,
  icon,
  disabled,
  args,
  testId,
}: {
  id: Id;
  label: string;
  icon?: string;
  disabled?: boolean;
  args?: ArgsOf<Id>;
  testId?: string;
}) {
  return (
    // The accessible name starts with the visible label (axe: label-content-name-mismatch), then the shortcut.
    <button
      className="nl-btn"
      title={tip(id)}
      aria-label={`${label}${keysOf(id)}`}
      disabled={disabled}
      data-testid={testId ?? `cmd-${id}`}
      onClick={() => void runCommand(id, ...((args === undefined ? [] : [args]) as ArgsParam<Id>))}
    >
      {icon && (
        <span className="ico" aria-hidden>
          {icon}
        </span>
      )}
      {label}
    </button>
  );
}

/** New Open Save | Undo Redo | Group | Layout ↓ → | Fit | theme. Only controls that work. */
export function Toolbar() {
  const canUndo = useEditor((s) => historyCanUndo(s.history));
  const canRedo = useEditor((s) => historyCanRedo(s.history));
  const hasSel = useEditor((s) => s.selection.size > 0);
  const dirty = useEditor((s) => s.version !== s.savedVersion);
  const name = useEditor((s) => s.file.name);
  const theme = useEditor((s) => s.theme);
  const direction = useEditor((s) => s.direction);
  return (
    <header className="nl-toolbar" role="toolbar">
      <span className="nl-brand">
        <span className="nl-brand-mark" />
        Netloom
      </span>
      <span className="nl-title" data-testid="doc-title" title={name}>
        {dirty ? '● ' : ''}
        {name}
      </span>
      <span className="nl-sep" />
      <Btn id="file.new" label="New" />
      <Btn id="file.open" label="Open" />
      <Btn id="file.save" label="Save" />
      <Btn id="file.saveAs" label="Save as…" />
      <Btn id="file.import" label="Import…" />
      <Btn id="file.pasteCode" label="Paste code…" />
      <Btn id="file.export" label="Export…" />
      <ExportDialog />
      <CodeImportDialog />
      <ImportErrorDialog />
      <span className="nl-sep" />
      <Btn id="edit.undo" label="Undo" icon="↶" disabled={!canUndo} />
      <Btn id="edit.redo" label="Redo" icon="↷" disabled={!canRedo} />
      <span className="nl-sep" />
      <Btn id="module.group" label="Group" disabled={!hasSel} />
      <Btn id="view.layout" label="Layout" args={{ direction }} />
      <button
        className="nl-btn"
        title={`Lay out ${direction === 'DOWN' ? 'left to right' : 'top down'}`}
        data-testid="cmd-view.direction"
        onClick={() => void runCommand('view.direction')}
      >
        {direction === 'DOWN' ? '↓' : '→'}
      </button>
      <Btn id="view.fit" label="Fit" />
      <TrainButtons />
      <span className="nl-spacer" />
      <button
        className="nl-btn"
        title={tip('help.shortcuts')}
        aria-label={tip('help.shortcuts')}
        data-testid="help-button"
        onClick={() => void runCommand('help.shortcuts')}
      >
        ?
      </button>
      <button
        className="nl-btn"
        title={tip('view.theme')}
        data-testid="cmd-view.theme"
        onClick={() => void runCommand('view.theme')}
      >
        {theme === 'dark' ? '☾ Dark' : '☀ Light'}
      </button>
    </header>
  );
}
