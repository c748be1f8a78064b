/** The doctor's actions on the document: apply a fix (one undo step), silence a rule, try a remedy (apply it, then train). */
import { applyDoctorFix } from '../../../app/doctor/fix';
import { setSilenced } from '../../../app/doctor/lint';
import type { DoctorFix } from '../../../app/doctor/types';
import { getHost } from '../../host';
import { editorStore } from '../../store';
import { startTraining, trainingStore } from '../../store/training';

export function applyDoctorFixToDocument(fix: DoctorFix): boolean {
  return editorStore.getState().edit(fix.label, (g) => applyDoctorFix(g, fix));
}

export function silenceRule(ruleId: string, silenced: boolean): void {
  editorStore
    .getState()
    .edit(silenced ? `silence ${ruleId}` : `un-silence ${ruleId}`, (g) => setSilenced(g, ruleId, silenced));
}

/**
 * "Try with Dropout 0.5 after fc1": the document becomes the variant (the remedy applied, one undo
 * step; its description says what changed) and a run of it starts. The earlier runs keep the graph
 * and settings they were trained with, so the Compare tab shows the two side by side.
 */
export async function tryRemedy(fix: DoctorFix): Promise<boolean> {
  const ed = editorStore.getState();
  const ok = ed.edit(`try: ${fix.label}`, (g) => {
    const r = applyDoctorFix(g, fix);
    return r.ok ? { ok: true as const, value: { ...r.value, description: `Variant of ${g.name}: ${fix.label}` } } : r;
  });
  if (!ok) return false;
  trainingStore.getState().setTab('charts');
  await startTraining(getHost());
  return true;
}
