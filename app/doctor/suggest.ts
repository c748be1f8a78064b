/**
 * From a diagnosis to actions: each remedy the course teaches as a fix on the project, and a
 * variant of the project with one applied (what "try with Dropout 0.5 after fc1" trains).
 */
import type { Graph } from '../graph/types';
import type { Result } from '../result';
import { lintContext } from './context';
import type { Diagnosis, RemedyName } from './curves/types';
import { applyDoctorFix } from './fix';
import {
  augmentRemedy,
  dropoutRemedy,
  earlyStoppingRemedy,
  lowerLrRemedy,
  raiseLrRemedy,
  stepLrRemedy,
  weightDecayRemedy,
} from './remedies';
import type { DoctorFix, LintContext } from './types';

function remedy(ctx: LintContext, name: RemedyName): DoctorFix | null {
  switch (name) {
    case 'dropout':
      return dropoutRemedy(ctx, 0.5);
    case 'weight-decay':
      return weightDecayRemedy(ctx, 1e-4);
    case 'early-stopping':
      return earlyStoppingRemedy(ctx, 3);
    case 'augment':
      return augmentRemedy(ctx);
    case 'lower-lr':
      return lowerLrRemedy(
        ctx,
        ctx.training.optimizer === 'sgd' ? Math.min(0.001, ctx.training.lr / 10) : Math.min(1e-4, ctx.training.lr / 10),
      );
    case 'raise-lr':
      return raiseLrRemedy(ctx);
    case 'step-lr':
      return stepLrRemedy(ctx);
    case 'clip-grad':
      return ctx.training.clip_grad_norm === null
        ? { kind: 'setTraining', patch: { clip_grad_norm: 1 }, label: 'clip the gradient norm at 1.0' }
        : null;
    case 'train-longer':
      return {
        kind: 'setTraining',
        patch: { epochs: ctx.training.epochs * 2 },
        label: `train longer (${ctx.training.epochs * 2} epochs)`,
      };
    case 'less-regularization': {
      const wd = ctx.training.weight_decay ?? 0;
      return wd > 0 || ctx.training.l1 > 0
        ? { kind: 'setTraining', patch: { weight_decay: 0, l1: 0 }, label: 'remove weight decay and L1' }
        : null;
    }
  }
}

/** The remedies of a diagnosis that apply to this project, as fixes, in the diagnosis' order. */
export function remediesFor(graph: Graph, d: Pick<Diagnosis, 'remedies'>): DoctorFix[] {
  const ctx = lintContext(graph);
  return d.remedies.map((r) => remedy(ctx, r)).filter((f): f is DoctorFix => f !== null);
}

/** The project with one remedy applied: a variant to train (no runs of its own yet, its name says what changed). */
export function makeVariant(graph: Graph, fix: DoctorFix): Result<Graph> {
  const r = applyDoctorFix(graph, fix);
  if (!r.ok) return r;
  const { runs: _runs, ...rest } = r.value;
  const description = `Variant of ${graph.name}: ${fix.label}`;
  return { ok: true, value: { ...rest, description } };
}
