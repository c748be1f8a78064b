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
  /** The finding pointed at: a strong ring. */
  nodes: string[];
  modules: string[];
  tone: Tone;
  /** Every finding's nodes: a thin ring in its severity's colour while the Doctor tab is open. */
  base: { id: string; tone: Tone }[];
  set(nodes: string[], modules: string[], tone: Tone): void;
  setBase(base: { id: string; tone: Tone }[]): void;
  clear(): void;
}

export const highlightStore = createStore<HighlightState>()((set) => ({
  nodes: [],
  modules: [],
  tone: 'warning',
  base: [],
  set: (nodes, modules, tone) => set({ nodes, modules, tone }),
  setBase: (base) => set({ base }),
  clear: () => set({ nodes: [], modules: [] }),
}));

const cssId = (id: string) => id.replace(/["\\]/g, '\\$&');

/** The style element that draws the rings; mounted while the Doctor tab is open. */
export function DoctorHighlight() {
  const graph = useEditor((s) => s.graph);
  const { nodes, modules, tone, base } = useStore(highlightStore);
  if (nodes.length === 0 && modules.length === 0 && base.length === 0) return null;
  const view = containerView(graph);
  // A node inside a collapsed container is drawn as that container.
  const at = (id: string) => `.nl-canvas .react-flow__node[data-id="${cssId(view.owner.get(id) ?? id)}"] > *`;
  const thin = base.map((b) => `${at(b.id)} { box-shadow: 0 0 0 2px var(--doctor-${b.tone}); border-radius: 8px; }`);
  const strong = [
    ...modules.map((m) => `.nl-canvas .react-flow__node[data-id="${cssId(moduleNodeId(m))}"] > *`),
    ...nodes.map(at),
  ];
  const rule =
    strong.length > 0
      ? `${strong.join(',\n')} { box-shadow: 0 0 0 3px var(--doctor-${tone}), 0 0 14px var(--doctor-${tone}); border-radius: 8px; }`
      : '';
  return <style data-testid="doctor-highlight">{[...thin, rule].join('\n')}</style>;
}
