/**
 * Detectors on the loss curves: divergence, overfitting, underfitting and a learning rate too low.
 * Thresholds are the course's rules of thumb, stated beside each detector.
 */
import { bucketMeans, finite, linearFit, round } from './stats';
import type { BatchRecord, Diagnosis, RunSeries } from './types';

/** Batch losses smoothed into about `points` buckets, with the x and lr of each bucket's start. */
function smoothed(batches: readonly BatchRecord[], points: number): { x: number; loss: number; lr: number }[] {
  const size = Math.max(1, Math.floor(batches.length / points));
  const losses = bucketMeans(
    batches.map((b) => b.loss),
    size,
  );
  return losses.map((loss, i) => ({ x: batches[i * size].x, loss, lr: batches[i * size].lr }));
}

/** Divergence: a NaN or infinite loss, or a loss that climbs well above where it started (2x), with the lr there. */
export function divergence(s: RunSeries): Diagnosis | null {
  const bad = (s.batches ?? []).find((b) => !finite(b.loss));
  const badEpoch = s.epochs.find((e) => !finite(e.train_loss));
  if (bad || badEpoch) {
    const x = bad ? bad.x : (badEpoch?.epoch ?? 0);
    const lr = bad ? bad.lr : (badEpoch?.lr ?? 0);
    return {
      id: 'divergence',
      severity: 'error',
      title: 'The loss diverged',
      message: `The loss became NaN or infinite at ${bad ? `batch ${x}` : `epoch ${x}`} with lr ${lr}: the steps are too large for this network; lower the learning rate (by 10x), or clip the gradient norm.`,
      evidence: [{ series: bad ? 'batch_loss' : 'train_loss', from: x, to: x, label: `NaN at lr ${lr}` }],
      remedies: ['lower-lr', 'clip-grad', 'step-lr'],
      facts: { at: x, lr },
    };
  }
  const pts =
    s.batches && s.batches.length >= 20
      ? smoothed(s.batches, 40)
      : s.epochs.map((e) => ({ x: e.epoch, loss: e.train_loss, lr: e.lr }));
  if (pts.length < 3) return null;
  const start = pts[0].loss;
  let low = 0;
  for (let i = 1; i < pts.length; i++) if (pts[i].loss < pts[low].loss) low = i;
  // The first point after the lowest that climbs above twice the start (or twice the low, once it had learnt).
  const limit = Math.max(2 * start, 2 * pts[low].loss);
  const up = pts.findIndex((p, i) => i > 0 && p.loss > limit);
  const climbs = pts[pts.length - 1].loss > Math.max(start * 1.2, pts[low].loss * 1.5) && low < pts.length - 1;
  if (up < 0 && !climbs) return null;
  const at = up >= 0 ? pts[up] : pts[pts.length - 1];
  const series = s.batches && s.batches.length >= 20 ? 'batch_loss' : 'train_loss';
  return {
    id: 'divergence',
    severity: 'error',
    title: 'The loss diverged',
    message: `The training loss rose from ${round(pts[low].loss, 3)} to ${round(at.loss, 3)} (${series === 'batch_loss' ? 'batch' : 'epoch'} ${at.x}) with lr ${at.lr}: the steps overshoot; lower the learning rate (by 10x) or add a schedule that lowers it.`,
    evidence: [{ series, from: pts[low].x, to: at.x, label: `loss rising at lr ${at.lr}` }],
    remedies: ['lower-lr', 'step-lr', 'clip-grad'],
    facts: { at: at.x, lr: at.lr, from: pts[low].loss, to: at.loss },
  };
}

/** Overfitting: validation loss rises (10% above its best, 2+ epochs on) while the training loss keeps falling. */
export function overfitting(s: RunSeries): Diagnosis | null {
  const e = s.epochs.filter((x) => finite(x.val_loss) && finite(x.train_loss));
  if (e.length < 3) return null;
  let best = 0;
  for (let i = 1; i < e.length; i++) if ((e[i].val_loss as number) < (e[best].val_loss as number)) best = i;
  const last = e[e.length - 1];
  const bestVal = e[best].val_loss as number;
  const lastVal = last.val_loss as number;
  if (e.length - 1 - best < 2 || lastVal < bestVal * 1.1 || last.train_loss >= e[best].train_loss) return null;
  const opened = e[best + 1].epoch;
  const gap = lastVal - last.train_loss;
  const accGap = finite(last.train_acc) && finite(last.val_acc) ? last.train_acc - last.val_acc : null;
  return {
    id: 'overfitting',
    severity: 'warning',
    title: 'Overfitting',
    message: `From epoch ${opened} the validation loss rose from ${round(bestVal, 3)} to ${round(lastVal, 3)} while the training loss fell to ${round(last.train_loss, 3)} (gap ${round(gap, 3)}${accGap !== null ? `, accuracy gap ${(accGap * 100).toFixed(1)} points` : ''}): the network memorizes the training set; regularize (Dropout, weight decay, augmentation) or stop at epoch ${e[best].epoch}.`,
    evidence: [
      { series: 'val_loss', from: e[best].epoch, to: last.epoch, label: `gap ${round(gap, 3)} from epoch ${opened}` },
    ],
    remedies: ['dropout', 'weight-decay', 'early-stopping', 'augment'],
    facts: {
      opened,
      best_epoch: e[best].epoch,
      gap,
      best_val_loss: bestVal,
      last_val_loss: lastVal,
      ...(accGap !== null ? { acc_gap: accGap } : {}),
    },
  };
}

/** Underfitting: the training loss stays high (above 70% of chance, or of where it started) and flat (under 5% down over the last third). */
export function underfitting(s: RunSeries): Diagnosis | null {
  const e = s.epochs.filter((x) => finite(x.train_loss));
  if (e.length < 3) return null;
  const first = e[0].train_loss;
  const last = e[e.length - 1].train_loss;
  const chance = s.classes && s.classes > 1 ? Math.log(s.classes) : null;
  const high = chance !== null ? last > 0.7 * chance : last > 0.7 * first;
  const k = Math.max(1, Math.floor(e.length / 3));
  const before = e[e.length - 1 - k].train_loss;
  const flat = before > 0 && (before - last) / before < 0.05 && last <= before * 1.05;
  if (!high || !flat) return null;
  return {
    id: 'underfitting',
    severity: 'warning',
    title: 'Underfitting',
    message: `The training loss is still ${round(last, 3)}${chance !== null ? ` (chance is ${round(chance, 3)})` : ''} and fell less than 5% over the last ${k} epoch${k === 1 ? '' : 's'}: the network does not fit even the training data; give it more capacity (wider or deeper layers), less regularization, or a better learning rate.`,
    evidence: [
      { series: 'train_loss', from: e[e.length - 1 - k].epoch, to: e[e.length - 1].epoch, label: 'high and flat' },
    ],
    remedies: ['less-regularization', 'raise-lr', 'train-longer'],
    facts: { last_loss: last, ...(chance !== null ? { chance } : {}) },
  };
}

/** A learning rate too low: the loss falls along a straight line (R² > 0.9, no slowing down) and by less than 30% in the whole run. */
export function lrTooLow(s: RunSeries): Diagnosis | null {
  const useBatches = (s.batches?.length ?? 0) >= 40;
  const pts = useBatches
    ? smoothed(s.batches ?? [], 20)
    : s.epochs.filter((x) => finite(x.train_loss)).map((x) => ({ x: x.epoch, loss: x.train_loss, lr: x.lr }));
  if (pts.length < (useBatches ? 10 : 5)) return null;
  const ys = pts.map((p) => p.loss);
  const fit = linearFit(ys);
  const drop = (ys[0] - ys[ys.length - 1]) / ys[0];
  const half = Math.floor(ys.length / 2);
  const early = linearFit(ys.slice(0, half)).slope;
  const late = linearFit(ys.slice(half)).slope;
  if (fit.slope >= 0 || fit.r2 < 0.9 || drop >= 0.3 || drop < 0.01 || early >= 0 || late / early < 0.5) return null;
  const lr = pts[pts.length - 1].lr;
  return {
    id: 'lr-too-low',
    severity: 'info',
    title: 'Learning rate too low',
    message: `The loss falls in a straight line and slowly (${(drop * 100).toFixed(1)}% over the run, not yet slowing down) at lr ${lr}: the steps are small; raise the learning rate (about 10x) or train much longer.`,
    evidence: [
      {
        series: useBatches ? 'batch_loss' : 'train_loss',
        from: pts[0].x,
        to: pts[pts.length - 1].x,
        label: `linear, ${(drop * 100).toFixed(1)}% drop`,
      },
    ],
    remedies: ['raise-lr', 'train-longer'],
    facts: { drop, r2: fit.r2, lr },
  };
}
