/**
 * `netloom train FILE [options]`: train a project on a dataset in a worker, flags overriding the
 * project's settings. `--json`: one JSON object per line (start, epoch, done...). Exit 0 when the
 * run ends (completed, early-stopped or stopped), 1 when training failed (NaN/Inf loss), 2 for
 * bad input (unreadable file, invalid graph, unknown dataset or setting, backend that cannot load).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDatasetSettings } from '../../../app/data/settings';
import { readProjectFile } from './project-file';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { parseTrainingSettings } from '../../../app/training/settings';
import { parseSourceArg } from '../data/index';
import type { TrainRequest, WorkerEvent } from '../engine/protocol';
import { startTraining } from '../engine/start';
import type { Command } from './main';
import { datasetOverrides, TRAIN_OPTIONS, trainingOverrides, type TrainFlags } from './train-options';
import { runKFold } from './train-kfold';
import { humanProgress, untilDone } from './train-progress';
import { parseCommand } from './args';
import { ENGINE_HELP, ENGINE_OPTIONS, engineFromFlags } from './train-engine';

const HELP = `usage: netloom train FILE [--dataset NAME --data-dir DIR --limit N]
       [--epochs N --batch-size B --optimizer sgd|adam|adamw|rmsprop --lr X --momentum M --nesterov
        --weight-decay W --l1 X --loss CrossEntropyLoss|MSELoss|BCEWithLogitsLoss --clip-grad-norm X --val-split F
        --scheduler StepLR,step_size=5,gamma=0.5 --warmup EPOCHS,start_factor=0.1
        --early-stopping PATIENCE[,monitor=val_acc,min_delta=0.001]]
       [--backend webgpu|node-gpu|node|wasm|cpu] [--workers N|auto] [--seed S] [--out RUN_DIR] [--resume RUN_DIR] [--kfold K] [--json]
       [--engine netloom|torch [--device cpu|cuda|cuda:N|mps] [--nproc N] [--nnodes N --node-rank R --master-addr A --master-port P]]

Trains the project's network; flags override the project's training and dataset settings.
Datasets: synthetic, mnist, fashion-mnist, cifar10, folder:PATH, csv:PATH.
--backend: default the fastest that loads: WebGPU on a hardware GPU (Vulkan, Metal, Direct3D 12;
  never a software adapter such as SwiftShader unless --backend webgpu), tfjs-node-gpu, tfjs-node,
  wasm, cpu. The log names the device and why faster rungs were passed over.
--workers N splits each batch across N worker threads (data-parallel; BatchNorm statistics per shard).
  Default auto: every core (at most 4, 16 samples each) on wasm or cpu when the network has no
  BatchNorm, where that gives the same steps as one worker; else 1. Always 1 on WebGPU.
The run folder (default: beside the project, <project>.runs/<id>/) holds graph.json, settings.json,
run.json, metrics.jsonl and the best/ and last/ weights (TensorFlow.js format).
--kfold K: K-fold cross-validation over train+validation (the test split untouched; default: the
project's training.kfold, which the app's split choice sets): K runs in
kfold-<id>/fold-<i>/, then kfold.json (per-fold metrics, mean, std, best fold) and the best fold's
weights in kfold-<id>/best/. Every run folder also gets evaluation.json (on the test split).
${ENGINE_HELP}
--json prints one JSON object per line: {"event":"epoch",...} per epoch and a final {"event":"done",...}.
Exit status: 0 trained (or stopped), 1 training failed (NaN/Inf loss), 2 bad input.`;

function readProject(file: string): Result<Graph> {
  const g = readProjectFile(file);
  if (!g.ok) return g;
  const errors = analyzeGraph(g.value).errors;
  if (errors.length > 0) {
    const first = errors.slice(0, 3).map((e) => (e.nodeId ? `${e.nodeId}: ${e.message}` : e.message)).join('; ');
    return err(`${file}: the graph is invalid (${errors.length} error${errors.length > 1 ? 's' : ''}): ${first}`);
  }
  return ok(g.value);
}

function buildRequest(positionals: string[], f: TrainFlags): Result<TrainRequest> {
  const resume = typeof f.resume === 'string' ? f.resume : undefined;
  let graph: Graph;
  let baseTraining: unknown;
  let baseDataset: unknown;
  const file = positionals[0];
  if (resume) {
    if (!existsSync(join(resume, 'graph.json'))) return err(`--resume ${resume}: not a run folder (no graph.json).`);
    const g = readProject(join(resume, 'graph.json'));
    if (!g.ok) return g;
    graph = g.value;
    const saved = JSON.parse(readFileSync(join(resume, 'settings.json'), 'utf8')) as { training?: unknown; dataset?: unknown };
    baseTraining = saved.training;
    baseDataset = saved.dataset;
  } else {
    if (!file) return err('give the project file: netloom train FILE (see --help).');
    const g = readProject(file);
    if (!g.ok) return g;
    graph = g.value;
    baseTraining = graph.training;
    baseDataset = graph.dataset;
  }
  const to = trainingOverrides(f);
  if (!to.ok) return to;
  const settings = parseTrainingSettings({ ...(baseTraining as object), ...to.value });
  if (!settings.ok) return settings;
  let source: Record<string, unknown> | null = null;
  if (typeof f.dataset === 'string') {
    const s = parseSourceArg(f.dataset);
    if (!s.ok) return s;
    source = { ...s.value };
  }
  const dov = datasetOverrides(f, source);
  if (!dov.ok) return dov;
  const dataset = parseDatasetSettings({ ...(source ? {} : (baseDataset as object)), ...dov.value });
  if (!dataset.ok) return dataset;
  let workers: number | 'auto' = 'auto';
  if (typeof f.workers === 'string' && f.workers !== 'auto') {
    workers = Number(f.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) return err(`--workers must be an integer from 1 to 64 or auto, got '${f.workers}'.`);
  }
  const engine = engineFromFlags(f);
  if (!engine.ok) return engine;
  return ok({
    ...engine.value,
    graph, settings: settings.value, dataset: dataset.value, workers,
    backend: typeof f.backend === 'string' ? f.backend : undefined,
    projectPath: resume ? undefined : file,
    out: typeof f.out === 'string' ? f.out : undefined,
    resume,
  });
}

export const command: Command = {
  summary: 'train a project on a dataset',
  async run(argv) {
    const args = parseCommand<TrainFlags>('train', argv, { ...TRAIN_OPTIONS, ...ENGINE_OPTIONS }, HELP);
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    const kfold = typeof values.kfold === 'string' ? Number(values.kfold) : null;
    if (kfold !== null && (!Number.isInteger(kfold) || kfold < 2 || kfold > 100)) {
      console.error(`netloom train: --kfold must be an integer from 2 to 100, got '${String(values.kfold)}'.`);
      return 2;
    }
    const req = buildRequest(positionals, values);
    if (!req.ok) {
      console.error(`netloom train: ${req.error}`);
      return 2;
    }
    const json = values.json === true;
    // --kfold K, else the project's training.kfold (the app's split choice); never when resuming.
    const k = kfold ?? (values.resume ? null : req.value.settings.kfold);
    if (k !== null) return runKFold(req.value, k, json);
    const handle = startTraining(req.value);
    const human = humanProgress((s) => process.stderr.write(s), process.stderr.isTTY === true);
    handle.on((e: WorkerEvent) => {
      if (json) {
        if (e.event !== 'batch') process.stdout.write(`${JSON.stringify(e)}\n`);
      } else human(e);
    });
    const end = await untilDone(handle, 'stopping after this batch');
    if (end.event === 'error') {
      console.error(`netloom train: ${end.message}`);
      return 2;
    }
    return end.status === 'failed' ? 1 : 0;
  },
};
