/** Canvas selection <-> module tree: the module a selection stands for, and the selection id of a module. */
import type { ModuleEntry, ModuleTree } from '../../../app/modules';

/** The selected container (`m:<id>`) or the module of the selected node; the root otherwise. */
export function selectedModule(tree: ModuleTree, selection: ReadonlySet<string>): ModuleEntry {
  if (selection.size !== 1) return tree.root;
  const [id] = selection;
  if (id.startsWith('m:')) return tree.byModule.get(id.slice(2)) ?? tree.root;
  return tree.byNode.get(id) ?? tree.root;
}

/** What to select on the canvas for a module: its container frame or its node. */
export function selectionIdOf(e: ModuleEntry): string | null {
  if (e.moduleId) return `m:${e.moduleId}`;
  return e.nodeId ?? null;
}
