/**
 * Learning-rate schedules stepped once per epoch, as torch.optim.lr_scheduler computes them
 * (the recursive forms, so the floating-point sequence matches), optionally chained with a
 * linear warm-up (LinearLR). `lr` is the rate for the coming epoch; call `step(metrics)` after each.
 */
import type { SchedulerSettings, TrainingSettings } from './settings';

export interface Schedule {
  readonly lr: number;
  /** End of an epoch. `metric` feeds ReduceLROnPlateau. */
  step(metric?: number): void;
  state(): Record<string, number>;
}

export function createSchedule(
  baseLr: number,
  s: SchedulerSettings,
  warmup: TrainingSettings['warmup'] = { epochs: 0, start_factor: 1 },
): Schedule {
  let lr = baseLr;
  let epoch = 0;
  // ReduceLROnPlateau state.
  let best = Infinity;
  let bad = 0;
  let cooldown = 0;
  const w = warmup.epochs > 0 ? warmup : null;
  if (w) lr = lr * w.start_factor;
  const better = (a: number, b: number): boolean => {
    if (s.name !== 'ReduceLROnPlateau') return false;
    const sign = s.mode === 'min' ? 1 : -1;
    const x = sign * a;
    const ref = sign * b;
    if (s.threshold_mode === 'rel') return s.mode === 'min' ? a < b * (1 - s.threshold) : a > b * (1 + s.threshold);
    return x < ref - s.threshold;
  };
  if (s.name === 'ReduceLROnPlateau' && s.mode === 'max') best = -Infinity;
  return {
    get lr() {
      return lr;
    },
    step(metric) {
      epoch += 1;
      // The main schedule (its recursive form, on the current lr).
      switch (s.name) {
        case 'StepLR':
          if (epoch % s.step_size === 0) lr *= s.gamma;
          break;
        case 'MultiStepLR':
          lr *= s.gamma ** s.milestones.filter((m) => m === epoch).length;
          break;
        case 'ExponentialLR':
          lr *= s.gamma;
          break;
        case 'CosineAnnealingLR': {
          const T = s.T_max;
          if ((epoch - 1 - T) % (2 * T) === 0) lr = lr + ((baseLr - s.eta_min) * (1 - Math.cos(Math.PI / T))) / 2;
          else
            lr =
              ((1 + Math.cos((Math.PI * epoch) / T)) / (1 + Math.cos((Math.PI * (epoch - 1)) / T))) * (lr - s.eta_min) +
              s.eta_min;
          break;
        }
        case 'ReduceLROnPlateau': {
          if (metric === undefined || !Number.isFinite(metric)) break;
          if (better(metric, best)) {
            best = metric;
            bad = 0;
          } else bad += 1;
          if (cooldown > 0) {
            cooldown -= 1;
            bad = 0;
          }
          if (bad > s.patience) {
            const next = Math.max(lr * s.factor, s.min_lr);
            if (lr - next > s.eps) lr = next;
            cooldown = s.cooldown;
            bad = 0;
          }
          break;
        }
        default:
          break;
      }
      // LinearLR warm-up, chained (ChainedScheduler order: main schedule, then warm-up factor).
      if (w && epoch <= w.epochs) {
        const sf = w.start_factor;
        lr *= 1 + (1 - sf) / (w.epochs * sf + (epoch - 1) * (1 - sf));
      }
    },
    state: () => ({ lr, epoch, best, bad, cooldown }),
  };
}
