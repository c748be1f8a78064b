/**
 * The project's training and dataset settings checked as a whole, so that `netloom inspect`
 * reports a bad setting and an export refuses it before it writes anything.
 */
import { parseDatasetSettings } from '../data/settings';
import type { Graph } from '../graph/types';
import { parseTrainingSettings } from './settings';

/** The first invalid setting of the project, as one line naming it and the fix; null when all are valid. */
export function settingsProblem(graph: Pick<Graph, 'training' | 'dataset'>): string | null {
  const t = parseTrainingSettings(graph.training ?? {});
  if (!t.ok)
    return `${t.error.replace(/\.$/, '')}: fix "training" in the project (the training panel, or netloom train's flags)`;
  const d = parseDatasetSettings(graph.dataset ?? {});
  if (!d.ok) return `${d.error.replace(/\.$/, '')}: fix "dataset" in the project`;
  return null;
}
