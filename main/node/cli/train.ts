/**
 * `netloom train FILE [options]`: train a project on a dataset in a worker, flags overriding the
 * project's settings. `--json`: one JSON object per line (start, epoch, done...). Exit 0 when the
 * run ends (completed, early-stopped or stopped), 1 for an invalid graph or when training failed
 * (NaN/Inf loss), 2 for bad input (unreadable file, unknown dataset or setting, backend that cannot load).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectFile } from './project-file';
import { err, type Result } from '../../../app/result';
import { KFOLD_MAX, KFOLD_MIN } from '../../../app/training/settings';
import { parseSourceArg } from '../data/index';
import type { WorkerEvent } from '../engine/protocol';
import { buildTrainRequest, type TrainInput, type TrainInputProblem, type TrainPlan } from '../engine/request';
import { startTraining } from '../engine/start';
import { resolveInitFrom } from '../runs/init-from-path';
import type { Command } from './main';
import { datasetOverrides, TRAIN_OPTIONS, trainingOverrides, type TrainFlags } from './train-options';
import { runKFold } from './train-kfold';
import { humanProgress, untilDone } from './train-progress';
import { parseCommand } from './args';
import { ENGINE_HELP, ENGINE_OPTIONS, engineFromFlags } from './train-engine';
import { followParent, TRAIN_CHILD } from '../web/arena';

const HELP = `usage: netloom train FILE [--dataset NAME --data-dir DIR --limit N]
       [--epochs N --batch-size B --optimizer sgd|adam|adamw|rmsprop --lr X --momentum M --nesterov
        --weight-decay W --l1 X --loss CrossEntropyLoss|MSELoss|BCEWithLogitsLoss --clip-grad-norm X --val-split F
        --scheduler StepLR,step_size=5,gamma=0.5 --warmup EPOCHS,start_factor=0.1
        --early-stopping PATIENCE[,monitor=val_acc,min_delta=0.001]]
       [--backend webgpu|node-gpu|node|wasm|cpu] [--workers N|auto] [--seed S] [--out RUN_DIR] [--resume RUN_DIR | --init-from RUN] [--kfold K] [--json]
       [--engine netloom|torch [--device cpu|cuda|cuda:N|mps] [--nproc N] [--nnodes N --node-rank R --master-addr A --master-port P]]

Trains the project's network; flags override the project's training and dataset settings.
Datasets: synthetic, mnist, fashion-mnist, cifar10, folder:PATH, csv:PATH.
--backend: default the fastest that loads: WebGPU on a hardware GPU (Vulkan, Metal, Direct3D 12;
  never a software adapter such as SwiftShader unless --backend webgpu), tfjs-node-gpu, tfjs-node,
  wasm, cpu. The log names the device and why faster rungs were passed over.
--workers N splits each batch across N worker threads (data-parallel, the same steps as one worker:
  gradients averaged, the optimizer's step shared between the workers for SGD, Adam and AdamW,
  BatchNorm statistics synchronized across the threads as SyncBatchNorm).
  Default auto: every core (at most 4, 16 samples each) on wasm or cpu, but 1 for a network with
  BatchNorm, whose convolutions and matrix products then run on every core (ONNX Runtime's threads,
  about as fast as two workers there, with half the memory); else 1. Each worker multiplies on its share of the cores.
  Always 1 on WebGPU.
The run folder (default: beside the project, <project>.runs/<id>/) holds graph.json, settings.json,
run.json, metrics.jsonl and the best/ and last/ weights (TensorFlow.js format).
--init-from RUN: a new run that starts from another run's weights (RUN: a run folder, or a run id
  in <project>.runs/), best checkpoint else last; e.g. a partial import's imported run once its
  placeholders are replaced. Each tensor is matched by layer and shape, else by state_dict key and
  shape; the log lists the tensors left freshly initialized and those of the run no layer took.
--kfold K: K-fold cross-validation over train+validation (the test split untouched; default: the
project's training.kfold, which the app's split choice sets): K runs in
kfold-<id>/fold-<i>/, then kfold.json (per-fold metrics, mean, std, best fold) and the best fold's
weights in kfold-<id>/best/. Every run folder also gets evaluation.json (on the test split).
${ENGINE_HELP}
--json prints one JSON object per line: {"event":"epoch",...} per epoch and a final {"event":"done",...}.
Exit status: 0 trained (or stopped), 1 invalid graph or training failed (NaN/Inf loss), 2 bad input.`;

/** The request from the command line: the project (or the resumed run's graph and settings) with the flags on top. */
function buildRequest(positionals: string[], f: TrainFlags): Result<TrainPlan, TrainInputProblem> {
  const bad = (message: string) => err<TrainInputProblem>({ kind: 'input', message });
  const resume = typeof f.resume === 'string' ? f.resume : undefined;
  const file = resume ? join(resume, 'graph.json') : positionals[0];
  if (resume && !existsSync(file)) return bad(`--resume ${resume}: not a run folder (no graph.json).`);
  if (!file) return bad('give the project file: netloom train FILE (see --help).');
  const g = readProjectFile(file);
  if (!g.ok) return bad(g.error);
  let base: TrainInput['base'];
  if (resume) {
    try {
      base = JSON.parse(readFileSync(join(resume, 'settings.json'), 'utf8')) as TrainInput['base'];
    } catch (e) {
      return bad(`--resume ${resume}: settings.json cannot be read (${(e as Error).message.split('\n')[0]}).`);
    }
  }
  const to = trainingOverrides(f);
  if (!to.ok) return bad(to.error);
  let source: Record<string, unknown> | null = null;
  if (typeof f.dataset === 'string') {
    const s = parseSourceArg(f.dataset);
    if (!s.ok) return bad(s.error);
    source = { ...s.value };
  }
  const dov = datasetOverrides(f, source);
  if (!dov.ok) return bad(dov.error);
  let workers: number | 'auto' = 'auto';
  if (typeof f.workers === 'string' && f.workers !== 'auto') {
    workers = Number(f.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64)
      return bad(`--workers must be an integer from 1 to 64 or auto, got '${f.workers}'.`);
  }
  let kfold: number | undefined;
  if (typeof f.kfold === 'string') {
    kfold = Number(f.kfold);
    if (!Number.isInteger(kfold) || kfold < KFOLD_MIN || kfold > KFOLD_MAX)
      return bad(`--kfold must be an integer from ${KFOLD_MIN} to ${KFOLD_MAX}, got '${f.kfold}'.`);
  }
  const engine = engineFromFlags(f);
  if (!engine.ok) return bad(engine.error);
  let initFrom: string | undefined;
  if (typeof f['init-from'] === 'string') {
    if (resume) return bad(`--init-from starts a new run and --resume continues one: give one of them.`);
    const r = resolveInitFrom(f['init-from'], file);
    if (!r.ok) return bad(r.error);
    initFrom = r.value;
  }
  return buildTrainRequest({
    engine: engine.value,
    graph: g.value,
    source: file,
    base,
    training: to.value,
    dataset: dov.value,
    datasetReplaces: source !== null,
    kfold,
    workers,
    backend: typeof f.backend === 'string' ? f.backend : undefined,
    projectPath: resume ? undefined : file,
    out: typeof f.out === 'string' ? f.out : undefined,
    resume,
    initFrom,
  });
}

export const command: Command = {
  summary: 'train a project on a dataset',
  async run(argv) {
    const args = parseCommand<TrainFlags>('train', argv, { ...TRAIN_OPTIONS, ...ENGINE_OPTIONS }, HELP);
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    const plan = buildRequest(positionals, values);
    if (!plan.ok) {
      console.error(`netloom train: ${plan.error.message}`);
      // An invalid graph exits 1, as every command; unreadable input and bad usage exit 2.
      return plan.error.kind === 'graph' ? 1 : 2;
    }
    // bin/netloom runs training in a child with V8's single-threaded collector (main/node/web/respawn.mjs).
    followParent(TRAIN_CHILD, 'SIGKILL');
    const json = values.json === true;
    const { request, kfold } = plan.value;
    if (kfold !== null) return runKFold(request, kfold, json);
    const handle = startTraining(request);
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
