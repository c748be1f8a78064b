/** Detectors on what the network does inside: dead ReLUs, vanishing or exploding gradients, BatchNorm drift. */
import { finite, round } from './stats';
import type { Diagnosis, RunSeries } from './types';

/** A ReLU whose outputs are 0 for at least this share of the values is called dead. */
export const DEAD_SHARE = 0.9;

export function deadRelus(s: RunSeries): Diagnosis | null {
  const dead = (s.activations ?? []).filter((a) => a.zeroFraction >= DEAD_SHARE);
  if (dead.length === 0) return null;
  const list = dead.map((a) => `${a.name} ${(a.zeroFraction * 100).toFixed(0)}%`).join(', ');
  return {
    id: 'dead-relu',
    severity: 'warning',
    title: 'Dead ReLUs',
    message: `${dead.length === 1 ? 'A ReLU outputs' : `${dead.length} ReLUs output`} zero for almost every value (${list}): those units get no gradient and stopped learning, usually after too large a step; lower the learning rate, or use LeakyReLU.`,
    evidence: [{ series: 'activations', from: 0, to: 0, label: list }],
    remedies: ['lower-lr'],
    nodeIds: dead.map((a) => a.nodeId),
    facts: { layers: dead.length, max_share: Math.max(...dead.map((a) => a.zeroFraction)) },
  };
}

/** Gradient norms per layer (input side first): exploding above 1e3 or non-finite; vanishing when the first layers get 1e-4 of the last's. */
export function gradients(s: RunSeries): Diagnosis | null {
  const g = s.gradients ?? [];
  if (g.length < 2) return null;
  const wild = g.find((x) => !finite(x.norm) || x.norm > 1e3);
  if (wild) {
    return {
      id: 'exploding-gradients',
      severity: 'error',
      title: 'Exploding gradients',
      message: `The gradient of ${wild.name} has norm ${finite(wild.norm) ? wild.norm.toExponential(2) : String(wild.norm)}: one step will throw the weights far off; clip the gradient norm (1.0) and lower the learning rate.`,
      evidence: [{ series: 'gradients', from: g.indexOf(wild), to: g.indexOf(wild), label: wild.name }],
      remedies: ['clip-grad', 'lower-lr'],
      facts: { norm: wild.norm },
    };
  }
  const half = Math.ceil(g.length / 2);
  const firstMax = Math.max(...g.slice(0, Math.min(2, half)).map((x) => x.norm));
  const lastMax = Math.max(...g.slice(half).map((x) => x.norm));
  if (lastMax > 0 && firstMax / lastMax < 1e-4) {
    return {
      id: 'vanishing-gradients',
      severity: 'warning',
      title: 'Vanishing gradients',
      message: `The first layers get gradients ${(firstMax / lastMax).toExponential(1)} times the last layers' (${g[0].name} ${firstMax.toExponential(2)} against ${lastMax.toExponential(2)}): they barely learn; use ReLU instead of Sigmoid/Tanh, add BatchNorm, or add residual connections.`,
      evidence: [{ series: 'gradients', from: 0, to: half - 1, label: 'vanishing' }],
      remedies: [],
      facts: { ratio: firstMax / lastMax },
    };
  }
  return null;
}

/** BatchNorm drift: running mean more than 0.5 batch std from the batch mean, or running variance off by 2x, averaged over channels. */
export function batchnormDrift(s: RunSeries): Diagnosis | null {
  const drifted = (s.batchnorm ?? [])
    .map((b) => {
      const n = Math.min(b.runningMean.length, b.batchMean.length, b.runningVar.length, b.batchVar.length);
      let shift = 0;
      let ratio = 0;
      for (let c = 0; c < n; c++) {
        shift += Math.abs(b.runningMean[c] - b.batchMean[c]) / Math.sqrt(b.batchVar[c] + 1e-5);
        ratio += Math.abs(Math.log((b.runningVar[c] + 1e-5) / (b.batchVar[c] + 1e-5)));
      }
      return { b, shift: n ? shift / n : 0, ratio: n ? Math.exp(ratio / n) : 1 };
    })
    .filter((d) => d.shift > 0.5 || d.ratio > 2);
  if (drifted.length === 0) return null;
  const list = drifted
    .map((d) => `${d.b.name}: mean off by ${round(d.shift, 2)} std, variance ${round(d.ratio, 2)}x`)
    .join('; ');
  return {
    id: 'batchnorm-drift',
    severity: 'warning',
    title: 'BatchNorm statistics drift',
    message: `Running statistics differ from the batch statistics (${list}): eval() normalizes differently from train(), so validation suffers; check for Dropout before BatchNorm, a very small batch, or a data shift between splits.`,
    evidence: [{ series: 'batchnorm', from: 0, to: 0, label: list }],
    remedies: [],
    nodeIds: drifted.map((d) => d.b.nodeId),
    facts: { layers: drifted.length },
  };
}
