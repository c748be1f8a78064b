import type { Graph } from '../../app/graph/types';
import { containerView, isModuleNodeId, moduleIdOf, moduleNodeId } from '../canvas/containers';

/**
 * The selection restricted to what the canvas draws. A layer or container hidden inside a
 * collapsed container is replaced by that container (collapsing moves the selection to it); an
 * edge that is not drawn between its own ends, and ids that no longer exist, are dropped.
 * So Delete, Copy and Group never act on something the person cannot see. Returns `selection`
 * itself when nothing changes.
 */
export function visibleSelection(selection: ReadonlySet<string>, g: Graph): ReadonlySet<string> {
  if (selection.size === 0) return selection;
  const view = containerView(g);
  const shownModules = new Set(view.visibleModules.map((m) => m.id));
  // The outermost collapsed ancestor of a module that is not drawn.
  const hiddenOwner = (moduleId: string): string | undefined => {
    let outer: string | undefined;
    const seen = new Set<string>();
    for (let p = view.modules.get(moduleId)?.parent; p !== undefined && !seen.has(p); p = view.modules.get(p)?.parent) {
      seen.add(p);
      if (view.modules.get(p)?.collapsed) outer = p;
    }
    return outer;
  };
  const edges = new Map(g.edges.map((e) => [e.id, e]));
  const next = new Set<string>();
  for (const id of selection) {
    if (isModuleNodeId(id)) {
      const m = moduleIdOf(id);
      if (!view.modules.has(m)) continue;
      if (shownModules.has(m)) next.add(id);
      else {
        const outer = hiddenOwner(m);
        if (outer !== undefined) next.add(moduleNodeId(outer));
      }
      continue;
    }
    const owner = view.owner.get(id);
    if (owner !== undefined) {
      next.add(owner);
      continue;
    }
    const e = edges.get(id);
    if (e && view.owner.get(e.source) === e.source && view.owner.get(e.target) === e.target) next.add(id);
  }
  if (next.size === selection.size && [...next].every((id) => selection.has(id))) return selection;
  return next;
}
