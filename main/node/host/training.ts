/**
 * Handlers of `train.*`, `data.*` and `backends.available`: start a training session in the
 * engine's worker (main/node/engine) with the project's graph and settings, stream its metrics
 * batched to the connection that started it, pause/resume/stop it. Runs go beside the project
 * (`<project>.runs/`), or into `untitled.runs/` of the workspace for an unsaved project.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseProjectText } from '../../../app/graph/schema';
import { err, ok } from '../../../app/result';
import { buildTrainRequest } from '../engine/request';
import { startTraining, type TrainingHandle } from '../engine/start';
import { startKFold, type KFoldHandle } from '../engine/kfold';
import { defaultRunsDir, newRunId } from '../runs/run';
import { probeBackends } from './backends';
import { enginesAvailable } from './engines';
import { createBatcher } from './training-batcher';
import { confineDataset } from './dataset-paths';
import { dataHandlers } from './training-data';
import { downloadHandlers } from './training-download';
import { evaluationHandlers } from './training-eval';
import { allowedRunPath, runsHandlers, untitledRoot, untitledRunsRoot } from './training-runs';
import type { EventPayload } from '../../../app/protocol';
import type { Handler, HostContext, HostServices } from './types';

type TrainingChannel =
  | 'train.start'
  | 'train.pause'
  | 'train.resume'
  | 'train.stop'
  | 'train.sessions'
  | 'backends.available'
  | 'engines.available'
  | 'runs.list'
  | 'runs.get'
  | 'runs.delete'
  | 'runs.evaluate'
  | 'runs.samples'
  | 'runs.predict'
  | 'runs.params'
  | 'runs.activations'
  | 'runs.gradients'
  | 'runs.batchnorm'
  | 'data.sources'
  | 'data.info'
  | 'data.preview'
  | 'data.download';

const bad = (message: string) => err({ code: 'bad-request' as const, message });

type Emit = HostContext['emit'];

interface Session {
  handle: Pick<TrainingHandle, 'pause' | 'resume' | 'stop'>;
  /** Every connection that follows the session (the one that started it, and any that reattached after a reload). */
  targets: Set<Emit>;
  state: 'running' | 'paused' | 'stopping';
  started: EventPayload<'train.started'> | null;
}

export function trainingHandlers(s: HostServices): { [C in TrainingChannel]: Handler<C> } {
  const sessions = new Map<string, Session>();
  const control = (sessionId: string, what: 'pause' | 'resume' | 'stop') => {
    const session = sessions.get(sessionId);
    if (!session)
      return err({
        code: 'not-found' as const,
        message: `training session ${sessionId} is not running (it finished or the host restarted).`,
      });
    session.handle[what]();
    session.state = what === 'pause' ? 'paused' : what === 'resume' ? 'running' : 'stopping';
    for (const emit of session.targets) emit('train.state', { sessionId, state: session.state });
    return ok({ ok: true as const });
  };
  /**
   * Registers a session and wires its events to the connections that follow it, batched; the one
   * place plain and K-fold runs are wired. `stamp` adds what every started/progress event of the
   * session carries (a K-fold's fold and folds). Returns the fan-out and the batcher for the
   * caller's event handler; the session is forgotten once the handle is done.
   */
  const openSession = (
    sessionId: string,
    handle: Session['handle'] & { done: Promise<unknown> },
    emit: Emit,
    stamp: () => Record<string, number> = () => ({}),
  ) => {
    const session: Session = { handle, targets: new Set([emit]), state: 'running', started: null };
    sessions.set(sessionId, session);
    const fanOut: Emit = (event, payload) => {
      const p = event === 'train.started' || event === 'train.progress' ? { ...payload, ...stamp() } : payload;
      if (event === 'train.started') session.started = p as EventPayload<'train.started'>;
      for (const e of session.targets) e(event, p as typeof payload);
    };
    const batcher = createBatcher(sessionId, fanOut);
    void handle.done.then(() => {
      batcher.close();
      sessions.delete(sessionId);
    });
    return { session, fanOut, batcher };
  };
  const startPlain = (sessionId: string, handle: TrainingHandle, emit: Emit): void => {
    const { batcher } = openSession(sessionId, handle, emit);
    handle.on((e) => {
      if (e.event === 'done' || e.event === 'error') sessions.delete(sessionId);
      batcher.push(e);
    });
  };
  /** A K-fold session: every fold's events carry fold/folds; one train.done at the end, for the kfold-<id> folder. */
  const startKFoldSession = (sessionId: string, handle: KFoldHandle, k: number, emit: Emit): void => {
    let fold = 1;
    const { session, fanOut, batcher } = openSession(sessionId, handle, emit, () => ({ fold, folds: k }));
    let last: { imgPerS: number; epochsDone: number } = { imgPerS: 0, epochsDone: 0 };
    handle.on((e) => {
      if (e.event === 'kfold') {
        sessions.delete(sessionId);
        const stopped = e.folds.length < k || e.folds.some((f) => f.status === 'stopped');
        fanOut('train.done', {
          // The best fold's run folder (evaluation and the modules tab open it); the message names the kfold-<id> folder.
          sessionId,
          status: stopped ? 'stopped' : 'completed',
          runDir: e.folds.find((f) => f.fold === e.best_fold)?.run_dir ?? e.run_dir,
          message: `K-fold (K=${k}) in ${e.run_dir.split(/[\\/]/).pop()}: ${e.folds.length} fold(s); best fold ${e.best_fold}${e.mean.val_acc !== undefined ? `; val_acc ${e.mean.val_acc.toFixed(4)} ± ${(e.std.val_acc ?? 0).toFixed(4)}` : ''}`,
          testLoss: e.mean.test_loss ?? null,
          testAcc: e.mean.test_acc ?? null,
          imgPerS: last.imgPerS,
          epochsDone: last.epochsDone,
        });
        return;
      }
      if (!('fold' in e)) {
        sessions.delete(sessionId);
        batcher.push(e);
        return;
      }
      fold = e.fold;
      if (e.event === 'error') return; // the K-fold's own error (naming the fold) follows
      if (e.event === 'done') {
        batcher.flush();
        last = { imgPerS: e.img_per_s, epochsDone: e.epochs_done };
        for (const t of session.targets)
          t('train.log', { sessionId, message: `fold ${e.fold}/${k} ${e.status}: test accuracy ${e.test_acc ?? '—'}` });
        return;
      }
      batcher.push(e);
    });
  };
  return {
    'train.start': async (args, ctx) => {
      let projectPath: string | undefined;
      if (args.projectPath) {
        const checked = await s.paths.check(args.projectPath);
        if (!checked.ok) return checked;
        projectPath = checked.value;
      }
      let text = args.text;
      if (text === undefined) {
        if (!projectPath) return bad('train.start: give the project text or the path of a saved project.');
        try {
          text = await readFile(projectPath, 'utf8');
        } catch {
          return err({ code: 'not-found', message: `${projectPath}: cannot be read.` });
        }
      }
      const graph = parseProjectText(text, projectPath ?? 'the project');
      if (!graph.ok) return bad(graph.error);
      let resume: string | undefined;
      if (args.resume) {
        const checked = await allowedRunPath(s, args.resume);
        if (!checked.ok) return checked;
        resume = checked.value;
      }
      const plan = buildTrainRequest({
        graph: graph.value,
        source: projectPath ?? 'the project',
        training: args.training,
        dataset: args.dataset,
        kfold: args.kfold ?? (resume ? null : undefined),
        backend: args.backend === 'auto' ? undefined : args.backend,
        workers: args.workers,
        projectPath,
        resume,
        ...(args.engine === 'torch' ? { engine: { engine: 'torch' as const, torch: args.torch ?? {} } } : {}),
      });
      if (!plan.ok) return bad(plan.error.message);
      const { request, kfold } = plan.value;
      // The dataset's paths pass the host's path policy (confined to the workspace in the web host).
      const dataset = await confineDataset(s, request.dataset);
      if (!dataset.ok) return dataset;
      request.dataset = dataset.value;
      // Where the run will be written: its real path must pass the policy (a linked `*.runs` folder cannot lead out).
      if (projectPath && !resume) {
        const runs = await s.paths.check(defaultRunsDir(projectPath));
        if (!runs.ok) return runs;
      } else if (!resume) {
        const root = await untitledRoot(s);
        if (!root)
          return err({
            code: 'denied',
            message: `${untitledRunsRoot(s)}: a link to a folder outside the served folder; Netloom does not write runs through it. Replace the link with a folder.`,
          });
        request.out = join(root, kfold !== null ? `kfold-${newRunId()}` : newRunId());
      }
      const sessionId = randomBytes(6).toString('hex');
      if (kfold !== null) startKFoldSession(sessionId, startKFold(request, kfold), kfold, ctx.emit);
      else startPlain(sessionId, startTraining(request), ctx.emit);
      return ok({ sessionId });
    },
    'train.pause': async ({ sessionId }) => control(sessionId, 'pause'),
    'train.resume': async ({ sessionId }) => control(sessionId, 'resume'),
    'train.stop': async ({ sessionId }) => control(sessionId, 'stop'),
    'train.sessions': async (_args, ctx) =>
      ok(
        [...sessions].map(([sessionId, session]) => {
          session.targets.add(ctx.emit);
          return { sessionId, state: session.state, started: session.started };
        }),
      ),
    'backends.available': async () => ok(probeBackends()),
    'engines.available': async (args) => ok(await enginesAvailable(args)),
    ...runsHandlers(s),
    ...evaluationHandlers(s),
    ...dataHandlers(s),
    ...downloadHandlers(s),
  };
}
