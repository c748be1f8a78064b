/**
 * Marks nodes on the main canvas for the doctor: a ring around the nodes a finding concerns (or
 * the collapsed container that holds them). Done with a style rule on React Flow's `data-id`
 * wrappers, so the canvas' node components stay as they are.
 */
import { createStore, useStore } from 'zustand';
import { containerView, moduleNodeId } from '../../canvas/containers';
import { useEditor } from '../../store';

export type Tone = 'error' | 'warning' | 'info';

interface HighlightState {
  nodes: string[];
  modules: string[];
  tone: Tone;
  set(nodes: string[], modules: string[], tone: Tone): void;
  clear(): void;
}

export const highlightStore = createStore<HighlightState>()((set) => ({
  nodes: [], modules: [], tone: 'warning',
  set: (nodes, modules, tone) => set({ nodes, modules, tone }),
  clear: () => set({ nodes: [], modules: [] }),
}));

const cssId = (id: string) => id.replace(/["\\]/g, '\\$&');

/** The style element that draws the rings; mounted while the Doctor tab is open. */
export function DoctorHighlight() {
  const graph = useEditor((s) => s.graph);
  const { nodes, modules, tone } = useStore(highlightStore);
  if (nodes.length === 0 && modules.length === 0) return null;
  const view = containerView(graph);
  // A node inside a collapsed container is drawn as that container.
  const drawn = new Set<string>(modules.map(moduleNodeId));
  for (const id of nodes) drawn.add(view.owner.get(id) ?? id);
  const selectors = [...drawn].map((id) => `.nl-canvas .react-flow__node[data-id="${cssId(id)}"] > *`).join(',\n');
  return <style data-testid="doctor-highlight">{`${selectors} { box-shadow: 0 0 0 3px var(--doctor-${tone}), 0 0 14px var(--doctor-${tone}); border-radius: 8px; }`}</style>;
}
