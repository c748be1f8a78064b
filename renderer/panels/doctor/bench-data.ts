/** The bench's entries: a plain run, or a K-fold run as one entry (its folds' curves averaged, mean ± std of its metrics). */
import type { z } from 'zod';
import type { RunDetail, RunSummary } from '../../../app/protocol';
import { getHost } from '../../host';

export type Summary = z.infer<typeof RunSummary>;
export type Detail = z.infer<typeof RunDetail>;
type EpochPoint = Detail['epochs'][number];

export interface BenchEntry {
  /** The run folder (a K-fold run: its first fold's, whose graph and settings all folds share). */
  dir: string;
  label: string;
  detail: Detail;
  /** Mean ± std line for a K-fold entry. */
  spread?: string;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Per epoch, the mean of each metric over the folds that reached it. */
export function meanEpochs(folds: readonly (readonly EpochPoint[])[]): EpochPoint[] {
  const last = Math.max(0, ...folds.map((f) => f.length));
  const out: EpochPoint[] = [];
  for (let i = 0; i < last; i++) {
    const at = folds.map((f) => f[i]).filter((p): p is EpochPoint => p !== undefined);
    const avg = (k: 'train_loss' | 'train_acc' | 'lr' | 'img_per_s' | 'seconds' | 'eta_s') => mean(at.map((p) => p[k]));
    const avgN = (k: 'val_loss' | 'val_acc') => {
      const v = at.map((p) => p[k]).filter((x): x is number => x !== null);
      return v.length ? mean(v) : null;
    };
    out.push({
      ...at[0],
      train_loss: avg('train_loss'),
      train_acc: avg('train_acc'),
      val_loss: avgN('val_loss'),
      val_acc: avgN('val_acc'),
      lr: avg('lr'),
      img_per_s: avg('img_per_s'),
      seconds: avg('seconds'),
      eta_s: avg('eta_s'),
      best: false,
    });
  }
  return out;
}

export async function loadEntry(r: Summary): Promise<BenchEntry | string> {
  const get = async (dir: string) => {
    const d = await getHost().invoke('runs.get', { runDir: dir });
    return d.ok ? d.value : d.error.message;
  };
  if (!r.kfold) {
    const d = await get(r.dir);
    return typeof d === 'string' ? d : { dir: r.dir, label: r.id, detail: d };
  }
  const folds: Detail[] = [];
  for (const f of r.kfold.folds) {
    const d = await get(f.dir);
    if (typeof d === 'string') return d;
    folds.push(d);
  }
  if (folds.length === 0) return `K-fold run ${r.id} has no folds yet`;
  const m = r.kfold.mean;
  const s = r.kfold.std;
  const spread =
    m && m.val_acc !== undefined
      ? `val_acc ${(m.val_acc * 100).toFixed(2)}% ± ${((s?.val_acc ?? 0) * 100).toFixed(2)}`
      : undefined;
  const label = `${r.id} (${r.kfold.k}-fold mean)`;
  const first = folds[0];
  return {
    dir: r.kfold.folds[0].dir,
    label,
    spread,
    detail: { ...first, summary: { ...first.summary, id: label }, epochs: meanEpochs(folds.map((f) => f.epochs)) },
  };
}
