/**
 * `train.py`: trains the exported network with the project's training and dataset settings
 * (optimizer, schedule, warm-up, weight decay, L1, clipping, augmentation, splits, early
 * stopping), unchanged under `torchrun --nproc_per_node=N` (DistributedDataParallel; gloo on CPU).
 * The settings travel as one escaped JSON string literal: project text never becomes code.
 */
import { parseDatasetSettings } from '../../data/settings';
import type { Graph } from '../../graph/types';
import { err, ok, type Result } from '../../result';
import { parseTrainingSettings } from '../../training/settings';
import { pyStrLiteral } from './pysyntax';
import { TRAIN_PY } from './train-template';

export function generateTrainPy(graph: Graph): Result<string> {
  const t = parseTrainingSettings(graph.training ?? {});
  if (!t.ok) return err(t.error);
  const d = parseDatasetSettings(graph.dataset ?? {});
  if (!d.ok) return err(d.error);
  const settings = JSON.stringify({ training: t.value, dataset: d.value });
  const head = [
    '"""Train the exported network with the project\'s settings.',
    '',
    '  python3 train.py --data-dir DATA                      # one process',
    '  torchrun --nproc_per_node=4 train.py --data-dir DATA  # DistributedDataParallel (gloo on CPU, nccl on GPUs)',
    '',
    "MNIST / Fashion-MNIST: the IDX files (.gz or not) in DATA or DATA/<Name>/raw; CIFAR-10: torchvision's folder.",
    '"""',
    'import json',
    '',
    `SETTINGS = json.loads(${pyStrLiteral(settings)})`,
  ].join('\n');
  return ok(`${head}\n${TRAIN_PY}`);
}
