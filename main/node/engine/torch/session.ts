/**
 * One PyTorch-engine session: prepare (prepare.ts), write the run folder and the data (.npy),
 * start runner.py (launch.ts), turn its events into the built-in session's events, convert its
 * checkpoints (weights.ts), and finish the run (run.json, evaluation.json) as the built-in
 * session does. A Python failure ends the run as failed with its reason; the traceback is in the
 * run's torch.log and in the log events.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateModelPy } from '../../../../app/compiler/pytorch/model-py';
import type { EpochEvent } from '../../../../app/training/events';
import { writeFileAtomicSync } from '../../reliability/atomic-sync';
import { loadResumeCheckpoint } from '../../reliability/resume-load';
import { appendMetric, createRunFolder, readJson, readMetrics, writeRunInfo, type RunInfo } from '../../runs/run';
import { evaluateAfterTraining, runSettings } from '../after-run';
import type { TrainRequest, WorkerEvent } from '../protocol';
import { augmentFeeder, writeTorchData } from './data';
import { launchTorch, type TorchProcess } from './launch';
import { prepareTorchRun } from './prepare';
import { commitTorchCheckpoint, writeInitialState } from './weights';
import { initFromRun, type InitFrom } from '../../runs/init-from';

export interface TorchControl {
  /** Called once Python runs, with the process to steer; the current state is applied at once. */
  attach(p: TorchProcess): void;
  isStopRequested(): boolean;
}

interface PyEnd {
  /** Rank 0's CPU time over the training epochs, and its torch threads (the benchmark's fair measure on a shared machine). */
  cpu_seconds?: number;
  threads?: number;
  status: RunInfo['status'];
  message: string | null;
  test: { loss: number; acc: number } | null;
  img_per_s: number;
  best_epoch: number | null;
  epochs_done: number;
}

/**
 * The one line that says why Python failed: a rank that died of a signal (from torchrun's failure
 * summary), else the last exception line of a traceback, else a rank's exit code.
 */
export function failureReason(lines: readonly string[]): string | null {
  const ranks: { rank: string; code: number; tb?: string }[] = [];
  for (const l of lines) {
    const r = /^\s*rank\s*:\s*(\d+)/.exec(l);
    if (r) ranks.push({ rank: r[1], code: 0 });
    const c = /^\s*exitcode\s*:\s*(-?\d+)/.exec(l);
    if (c && ranks.length) ranks[ranks.length - 1].code = Number(c[1]);
    const t = /^\s*traceback\s*:\s*(.+)$/.exec(l);
    if (t && ranks.length) ranks[ranks.length - 1].tb = t[1].trim();
  }
  const killed = ranks.find((r) => r.code < 0);
  if (killed) return `rank ${killed.rank} died (${killed.tb ?? `signal ${-killed.code}`})`;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i].trim();
    if (/^[\w.]*(Error|Exception|Interrupt)\b/.test(l) && !l.startsWith('torch.distributed.elastic')) return l;
  }
  const failed = ranks.find((r) => r.code !== 0);
  return failed ? `rank ${failed.rank} failed with exit code ${failed.code}` : null;
}

export async function runTorchSession(
  request: TrainRequest,
  emit: (e: WorkerEvent) => void,
  control: TorchControl,
): Promise<void> {
  const fail = (message: string) => emit({ event: 'error', message });
  const prepared = await prepareTorchRun(request, emit);
  if (!prepared.ok) return fail(prepared.error);
  const { req, python, seed, data, weights } = prepared.value;
  const s = req.settings;
  const opts = req.torch ?? {};
  const work = mkdtempSync(join(tmpdir(), 'netloom-torch-'));
  try {
    const modelPy = generateModelPy(req.graph);
    if (!modelPy.ok) return fail(modelPy.error);
    mkdirSync(join(work, 'model'));
    mkdirSync(join(work, 'ckpt'));
    writeFileAtomicSync(join(work, 'model', 'model.py'), modelPy.value.code);
    const created = new Date().toISOString();
    let dir: string;
    let info: RunInfo;
    let history: EpochEvent[] = [];
    let startEpoch = 0;
    let initFrom: InitFrom | undefined;
    const worker = (opts.node_rank ?? 0) > 0;
    if (req.resume) {
      dir = req.resume;
      const ck = loadResumeCheckpoint(weights.tf, weights.compiled, dir);
      if (!ck.ok) return fail(ck.error);
      emit({ event: 'log', message: ck.value.line });
      startEpoch = ck.value.epoch;
      writeInitialState(weights, join(work, 'init.safetensors'), ck.value.optimizer);
      if (!ck.value.optimizer)
        emit({
          event: 'log',
          message: `run ${dir} has no optimizer state: the optimizer starts afresh at epoch ${startEpoch + 1}`,
        });
      history = readMetrics(dir).filter(
        (m) => m.event === 'epoch' && Number(m.epoch) <= startEpoch,
      ) as unknown as EpochEvent[];
      const old = existsSync(join(dir, 'run.json')) ? readJson<RunInfo>(join(dir, 'run.json')) : null;
      info = {
        ...(old ?? { id: dir, created_at: created, best: null }),
        status: 'running',
        started_at: created,
        epochs_done: startEpoch,
        seed,
        backend: null,
      } as RunInfo;
    } else {
      // --init-from: the other run's weights go into the state Python starts from (every rank
      // loads init.safetensors; DistributedDataParallel also broadcasts rank 0's at its start).
      const init = req.initFrom ? initFromRun(weights.tf, weights.compiled, req.initFrom, seed) : undefined;
      if (init && !init.ok) return fail(init.error);
      for (const message of init?.value.lines ?? []) emit({ event: 'log', message });
      if (init) initFrom = init.value.init;
      writeInitialState(weights, join(work, 'init.safetensors'));
      // A machine other than rank 0's trains but writes no run (rank 0's machine does).
      const folder = worker
        ? { dir: join(work, 'run'), id: 'worker' }
        : createRunFolder({
            projectPath: req.projectPath,
            out: req.out,
            graph: req.graph,
            settings: runSettings(req, seed, data.stats),
          });
      if (worker) mkdirSync(folder.dir);
      dir = folder.dir;
      info = {
        id: folder.id,
        status: 'running',
        backend: null,
        created_at: created,
        started_at: created,
        epochs_done: 0,
        seed,
        best: null,
        project: req.projectPath,
        ...(initFrom ? { init_from: initFrom } : {}),
      };
    }
    if (startEpoch >= s.epochs)
      return fail(`run ${dir} already trained ${startEpoch} of ${s.epochs} epochs: raise --epochs to continue it.`);
    emit({ event: 'log', message: 'writing the dataset for Python (.npy)' });
    const files = writeTorchData(join(work, 'data'), data, seed, startEpoch, s.epochs);
    const feeder = augmentFeeder(files, data, seed, startEpoch, s.batch_size);
    feeder.ensure(startEpoch + 1);
    const job = {
      settings: { ...s, seed },
      seed,
      start_epoch: startEpoch,
      history,
      data: files,
      model_dir: join(work, 'model'),
      init: join(work, 'init.safetensors'),
      out_dir: join(work, 'ckpt'),
      control: join(work, 'control.json'),
      device: opts.device ?? 'auto',
      sync_bn: opts.sync_bn === true,
      threads: opts.threads ?? null,
      batch_every: 10,
    };
    writeFileAtomicSync(join(work, 'job.json'), JSON.stringify(job));
    const world = (opts.nproc ?? 1) * (opts.nnodes ?? 1);
    info.backend = { name: 'torch', package: python.path, version: python.torch?.version ?? '?' };
    info.engine = 'torch';
    info.world_size = world;
    info.torch = { version: python.torch?.version ?? '?', python: python.path };
    writeRunInfo(dir, info);
    if (control.isStopRequested()) {
      Object.assign(info, {
        status: 'stopped',
        message: 'Stopped before training started.',
        finished_at: new Date().toISOString(),
      });
      if (!worker) writeRunInfo(dir, info);
      emit({
        event: 'done',
        status: 'stopped',
        message: info.message,
        test_loss: null,
        test_acc: null,
        img_per_s: 0,
        backend: 'torch',
        run_dir: dir,
        best_epoch: null,
        epochs_done: startEpoch,
        engine: 'torch',
        world_size: world,
      });
      return;
    }
    emit({
      event: 'log',
      message:
        world > 1
          ? `starting torchrun: ${opts.nproc ?? 1} process(es) x ${opts.nnodes ?? 1} machine(s)`
          : 'starting Python',
    });
    let device = opts.device ?? 'auto';
    let end: PyEnd | null = null;
    let fatal: string | null = null;
    let lastEpoch: EpochEvent | null = null;
    const stderr: string[] = [];
    let queue: Promise<void> = Promise.resolve();
    let checkpointError: string | null = null;
    const proc = launchTorch(
      {
        python: python.path,
        job: join(work, 'job.json'),
        control: job.control,
        logFile: join(dir, 'torch.log'),
        options: opts,
      },
      (e) => {
        switch (e.event) {
          case 'start':
            device = String(e.device);
            info.device = device;
            writeRunInfo(dir, info);
            emit({
              event: 'start',
              backend: 'torch',
              backend_package: `torch ${String(e.torch_version)}`,
              backend_version: String(e.torch_version),
              run_dir: dir,
              run_id: info.id,
              seed,
              epochs: s.epochs,
              train_size: data.train.n,
              val_size: data.val?.n ?? 0,
              test_size: data.test?.n ?? 0,
              resumed_from: startEpoch,
              workers: world,
              engine: 'torch',
              device,
              world_size: world,
            });
            return;
          case 'batch': {
            const b = e as unknown as WorkerEvent & { event: 'batch' };
            if (b.batch <= 10) feeder.ensure(b.epoch + 1);
            emit(b);
            appendMetric(dir, { ...b });
            return;
          }
          case 'epoch': {
            const ev = e as unknown as EpochEvent;
            lastEpoch = ev;
            feeder.drop(ev.epoch);
            emit(ev);
            appendMetric(dir, { ...ev });
            info.epochs_done = ev.epoch;
            writeRunInfo(dir, info);
            return;
          }
          case 'checkpoint': {
            const epoch = Number(e.epoch);
            const best = e.best === true;
            const at = lastEpoch as unknown as Record<string, unknown> | null;
            queue = queue.then(async () => {
              const r = await commitTorchCheckpoint(
                weights,
                String(e.file),
                dir,
                epoch,
                best ? ['best', 'last'] : ['last'],
              );
              if (!r.ok) checkpointError ??= r.error;
              else if (best) {
                const monitor = s.early_stopping.enabled ? s.early_stopping.monitor : 'val_loss';
                const key = data.val && data.val.n > 0 ? monitor : monitor.replace('val', 'train');
                info.best = { epoch, monitor: key, value: Number(at?.[key] ?? NaN) };
              }
            });
            return;
          }
          case 'state':
            emit({ event: 'state', state: e.state === 'paused' ? 'paused' : 'running' });
            return;
          case 'end':
            end = e as unknown as PyEnd;
            return;
          case 'fatal':
            fatal = String(e.message);
            return;
          default:
            emit({ event: 'log', message: JSON.stringify(e) });
        }
      },
      (line) => {
        stderr.push(line);
        if (stderr.length > 400) stderr.shift();
        emit({ event: 'log', message: line });
      },
    );
    control.attach(proc);
    const exit = await proc.exited;
    await queue;
    const result = end as PyEnd | null;
    // A machine other than rank 0's gets no events: its processes' exit code is its result.
    const failed = worker
      ? exit.code !== 0
      : !result || checkpointError !== null || (exit.code !== 0 && result.status !== 'failed');
    info.finished_at = new Date().toISOString();
    if (failed) {
      info.status = 'failed';
      const why =
        fatal ??
        checkpointError ??
        failureReason(stderr) ??
        `Python ended ${exit.signal ? `by signal ${exit.signal}` : `with exit code ${exit.code}`} without finishing`;
      info.message = `PyTorch engine failed: ${why} (see ${join(dir, 'torch.log')})`;
    } else if (!result) {
      info.status = 'completed';
      info.message = `node ${opts.node_rank} of ${opts.nnodes}: trained; node 0 writes the run`;
    } else {
      info.status = result.status;
      info.message = result.message ?? undefined;
      info.test = result.test;
      info.img_per_s = result.img_per_s;
      info.torch = {
        version: info.torch?.version ?? '?',
        python: info.torch?.python ?? python.path,
        cpu_seconds: result.cpu_seconds,
        threads: result.threads,
      };
    }
    if (!worker) writeRunInfo(dir, info);
    const ok = info.status !== 'failed' && !worker;
    const evaluation = ok
      ? await evaluateAfterTraining(dir, undefined, (message) => emit({ event: 'log', message }))
      : null;
    emit({
      event: 'done',
      evaluation,
      status: info.status === 'running' ? 'failed' : info.status,
      message: info.message,
      test_loss: info.test?.loss ?? null,
      test_acc: info.test?.acc ?? null,
      img_per_s: info.img_per_s ?? 0,
      backend: 'torch',
      run_dir: dir,
      best_epoch: failed ? (info.best?.epoch ?? null) : (result?.best_epoch ?? null),
      epochs_done: info.epochs_done,
      engine: 'torch',
      device,
      world_size: world,
    });
  } finally {
    weights.compiled.model.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}
