/**
 * The live series of a training run, kept in plain growable arrays (charts read them by
 * reference and redraw once per animation frame), plus the helpers the charts need:
 * exponential smoothing as TensorBoard does it (debiased), and bucket decimation.
 */
import type { EventPayload } from '../../app/protocol';

export interface Series {
  /** Batch points: global batch number (epoch - 1) * batches + batch, loss, lr, images/s. */
  bx: number[];
  bloss: number[];
  blr: number[];
  bips: number[];
  /** Epoch points. */
  ex: number[];
  trainLoss: number[];
  valLoss: (number | null)[];
  trainAcc: number[];
  valAcc: (number | null)[];
  elr: number[];
  eips: number[];
}

export const emptySeries = (): Series => ({
  bx: [],
  bloss: [],
  blr: [],
  bips: [],
  ex: [],
  trainLoss: [],
  valLoss: [],
  trainAcc: [],
  valAcc: [],
  elr: [],
  eips: [],
});

/** Append one train.progress message; returns the same object (mutated). */
export function appendProgress(s: Series, p: Pick<EventPayload<'train.progress'>, 'batches' | 'epochs'>): Series {
  for (const b of p.batches) {
    s.bx.push((b.epoch - 1) * b.batches + b.batch);
    s.bloss.push(b.loss);
    s.blr.push(b.lr);
    s.bips.push(b.img_per_s);
  }
  for (const e of p.epochs) {
    s.ex.push(e.epoch);
    s.trainLoss.push(e.train_loss);
    s.valLoss.push(e.val_loss);
    s.trainAcc.push(e.train_acc);
    s.valAcc.push(e.val_acc);
    s.elr.push(e.lr);
    s.eips.push(e.img_per_s);
  }
  return s;
}

/** TensorBoard's smoothing: EMA with weight `w`, debiased at the start. */
export function smooth(values: readonly number[], w: number): number[] {
  const out = new Array<number>(values.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    n++;
    out[i] = w === 0 ? v : last / (1 - w ** n);
  }
  return out;
}

/** Smoothed values kept between frames: only the points added since the last call are computed. */
export interface SmoothCache {
  w: number;
  out: number[];
  last: number;
  n: number;
  source: readonly number[] | null;
}

export const smoothCache = (): SmoothCache => ({ w: -1, out: [], last: 0, n: 0, source: null });

/** `smooth(values, w)`, computed incrementally when `values` only grew since the last call with the same `w`. */
export function smoothInto(c: SmoothCache, values: readonly number[], w: number): number[] {
  if (c.w !== w || c.source !== values || c.out.length > values.length)
    Object.assign(c, { w, out: [], last: 0, n: 0, source: values });
  for (let i = c.out.length; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      c.out.push(v);
      continue;
    }
    c.last = c.last * w + (1 - w) * v;
    c.n++;
    c.out.push(w === 0 ? v : c.last / (1 - w ** c.n));
  }
  return c.out;
}

/**
 * Decimate x/y series to at most `max` points by bucket means (a 100 x 1,000-batch run stays a
 * few thousand points on screen). Returns the input when it is already small.
 */
export function decimate(
  x: readonly number[],
  ys: readonly (readonly (number | null)[])[],
  max: number,
): [number[], ...(number | null)[][]] {
  if (x.length <= max) return [x as number[], ...(ys as (number | null)[][])];
  const step = Math.ceil(x.length / max);
  const ox: number[] = [];
  const oys = ys.map(() => [] as (number | null)[]);
  for (let i = 0; i < x.length; i += step) {
    const end = Math.min(x.length, i + step);
    ox.push(x[end - 1]);
    ys.forEach((y, k) => {
      let sum = 0;
      let n = 0;
      for (let j = i; j < end; j++) {
        const v = y[j];
        if (v !== null && Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      oys[k].push(n ? sum / n : null);
    });
  }
  return [ox, ...oys];
}

/** The series as CSV: one table per chart, columns named as the legend shows them. */
export function seriesCsv(columns: { name: string; values: readonly (number | null)[] }[]): string {
  const rows = [columns.map((c) => c.name).join(',')];
  const n = Math.max(0, ...columns.map((c) => c.values.length));
  for (let i = 0; i < n; i++)
    rows.push(
      columns
        .map((c) => {
          const v = c.values[i];
          return v === null || v === undefined ? '' : String(v);
        })
        .join(','),
    );
  return `${rows.join('\n')}\n`;
}
