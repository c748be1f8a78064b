/** File > Export… (opens the export dialog) and File > Import… (a model file onto the canvas; with weights, as a saved project with an `imported` run). */
import { parseProjectText } from '../../../app/graph/schema';
import { autoLayout } from '../../canvas/layout';
import { confirmDiscard, loadGraph } from '../../commands/file';
import type { Command } from '../../commands/types';
import { useCodeImport } from '../code-import/store';
import { useExport, useImportError } from './store';
import { isUnmappedOperatorError, unmappedHead } from '../../../app/protocol/import-unmapped';
import type { EditorStore } from '../../store';

export const IMPORT_FILTERS = [
  {
    name: 'Models (ONNX, Keras / TensorFlow.js model.json, Netloom bundle, PyTorch code)',
    extensions: ['onnx', 'json', 'py'],
  },
];

export const exportCommand: Command = {
  id: 'file.export',
  label: 'Export… (TensorFlow.js, ONNX, PyTorch, bundle)',
  keys: ['Mod+Shift+E'],
  run() {
    useExport.getState().setOpen(true);
  },
};

export const importCommand: Command<'file.import'> = {
  id: 'file.import',
  label: 'Import… (ONNX, Keras model.json, bundle, PyTorch .py)',
  async run(store, args) {
    if (!confirmDiscard(store)) return;
    const { getHost } = await import('../../host');
    const h = getHost();
    let path = args.path ?? null;
    if (!path) {
      const chosen = await h.invoke('dialog.openFile', { title: 'Import a model', filters: IMPORT_FILTERS });
      if (!chosen.ok) {
        store.getState().notify(chosen.error.message, true);
        return;
      }
      if (!chosen.value) return;
      path = chosen.value.path;
    }
    // PyTorch code: the code import dialog asks the input shape and whether the code may run.
    if (/\.py$/i.test(path)) {
      useCodeImport.getState().openFor(path);
      return;
    }
    await importModel(store, path, false);
  },
};

/**
 * Imports a model file (`import.file`) and opens it. An ONNX operator without a kind is no dead
 * end: that error opens the import dialog (ImportErrorDialog), which offers to import the rest
 * with placeholders (`partial`, as `netloom import --partial`). Every other error is a notice.
 */
export async function importModel(store: EditorStore, path: string, partial: boolean): Promise<boolean> {
  const { getHost } = await import('../../host');
  store.getState().notify(`Importing ${path}…`);
  const r = await getHost().invoke('import.file', partial ? { path, partial } : { path });
  if (!r.ok) {
    if (!partial && /\.onnx$/i.test(path) && isUnmappedOperatorError(r.error.message)) {
      store.getState().notify(unmappedHead(r.error.message), true);
      useImportError.getState().openFor(path, unmappedHead(r.error.message));
    } else if (partial) useImportError.getState().fail(r.error.message);
    else store.getState().notify(r.error.message, true);
    return false;
  }
  const g = parseProjectText(r.value.projectText, r.value.name);
  if (!g.ok) {
    store.getState().notify(g.error, true);
    return false;
  }
  const laid = await autoLayout(g.value, store.getState().direction);
  const graph = laid.ok ? laid.value : g.value;
  // A bundle was unpacked into a project file: open that. A model file with weights was written as a
  // project with its `imported` run: open that too, dirty when the layout moved nodes (the file keeps
  // the importer's positions until the person saves). A model file without weights: an unsaved project.
  const saved = r.value.projectPath ?? null;
  const bundle = /\.netloom-bundle\.json$/i.test(path);
  const moved =
    !bundle &&
    saved !== null &&
    graph.nodes.some((n, i) => {
      const before = g.value.nodes[i]?.position;
      return !before || before.x !== n.position.x || before.y !== n.position.y;
    });
  await loadGraph(store, graph, { path: saved, name: r.value.name }, false, saved === null || moved);
  const held = r.value.placeholders?.length ?? 0;
  store
    .getState()
    .notify(
      held > 0
        ? `Imported ${r.value.name} with ${held} placeholder${held > 1 ? 's' : ''} to replace (red on the canvas)${r.value.runDir ? `; the other layers' weights are in its run ${r.value.runDir}` : ''}`
        : `Imported ${r.value.name}${r.value.runDir ? ` with its runs (${r.value.runDir})` : ''}`,
      held > 0,
    );
  return true;
}

export const pasteCodeCommand: Command = {
  id: 'file.pasteCode',
  label: 'Paste PyTorch code… (nn.Module classes onto the canvas)',
  async run(store) {
    if (!confirmDiscard(store)) return;
    let text = '';
    try {
      text = (await navigator.clipboard?.readText()) ?? '';
    } catch {
      /* no clipboard permission: the person pastes into the dialog */
    }
    useCodeImport.getState().openFor(null, /\bnn\.Module\b|\bclass\s/.test(text) ? text : '');
  },
};

export const EXPORT_COMMANDS: readonly Command[] = [exportCommand, importCommand, pasteCodeCommand];
