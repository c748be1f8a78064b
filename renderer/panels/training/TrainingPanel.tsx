import { useEditor } from '../../store';
import { useTraining } from '../../store/training';
import type { ReactNode } from 'react';
import { Controls } from './Controls';
import { DownloadButton } from './DownloadButton';
import { DATASET_FIELDS, OPTIM_FIELDS, RUN_FIELDS, type FieldDef } from './fields';
import { SchedulePlot } from './SchedulePlot';
import { SettingsField } from './SettingsField';
import { datasetOf, trainingOf } from './settingsEdit';

function Group({
  title,
  fields,
  disabled,
  children,
}: {
  title: string;
  fields: FieldDef[];
  disabled: boolean;
  children?: ReactNode;
}) {
  const graph = useEditor((s) => s.graph);
  const t = trainingOf(graph);
  const d = datasetOf(graph);
  return (
    <fieldset className="nl-train-group" disabled={disabled}>
      <legend>{title}</legend>
      {fields
        .filter((f) => !f.when || f.when(t, d))
        .map((f) => (
          <SettingsField
            key={`${f.section}.${f.path}`}
            def={f}
            source={f.section === 'training' ? t : d}
            disabled={disabled}
          />
        ))}
      {children}
    </fieldset>
  );
}

/** The Training tab: every setting of the engine and the dataset, the schedule plot, the controls and progress. */
export function TrainingPanel() {
  const graph = useEditor((s) => s.graph);
  const phase = useTraining((s) => s.phase);
  const busy = phase !== 'idle';
  return (
    <div className="nl-train" data-testid="training-panel">
      <Group title="Data" fields={DATASET_FIELDS} disabled={busy}>
        <DownloadButton />
      </Group>
      <Group title="Optimizer" fields={OPTIM_FIELDS} disabled={busy} />
      <Group title="Run" fields={RUN_FIELDS} disabled={busy} />
      <div className="nl-train-side">
        <Controls />
        <SchedulePlot t={trainingOf(graph)} />
      </div>
    </div>
  );
}
