/** Helpers of the PyTorch engine's tests: a small LeNet-5 request on the synthetic set, and running a request to its end. */
import { parseDatasetSettings } from '../../../../app/data/settings';
import { buildTemplate } from '../../../../app/templates';
import { parseTrainingSettings, type TrainingSettings } from '../../../../app/training/settings';
import type { EpochEvent } from '../../../../app/training/events';
import type { DoneEvent, ErrorEvent, TrainRequest, WorkerEvent } from '../protocol';
import { startTraining } from '../start';

export function lenetRequest(training: Partial<TrainingSettings>, extra: Partial<TrainRequest> = {}): TrainRequest {
  const g = buildTemplate('lenet5');
  if (!g.ok) throw new Error(g.error);
  const settings = parseTrainingSettings({
    epochs: 2,
    batch_size: 32,
    lr: 0.05,
    momentum: 0.9,
    val_split: 0.2,
    seed: 3,
    ...training,
  });
  const dataset = parseDatasetSettings({ name: 'synthetic', trainSize: 320, testSize: 160 });
  if (!settings.ok || !dataset.ok) throw new Error('bad test settings');
  return { graph: g.value, settings: settings.value, dataset: dataset.value, workers: 1, ...extra };
}

export interface Finished {
  end: DoneEvent | ErrorEvent;
  events: WorkerEvent[];
  epochs: EpochEvent[];
}

export async function runToEnd(
  req: TrainRequest,
  onEvent?: (e: WorkerEvent, h: ReturnType<typeof startTraining>) => void,
): Promise<Finished> {
  const h = startTraining(req);
  const events: WorkerEvent[] = [];
  h.on((e) => {
    events.push(e);
    onEvent?.(e, h);
  });
  const end = await h.done;
  return { end, events, epochs: events.filter((e): e is EpochEvent => e.event === 'epoch') };
}
