/**
 * What the doctor asks the host about a finished run's insides: per-layer gradient norms (from
 * runs.gradients' per-parameter statistics) and the share of zeros each ReLU outputs on a few
 * test samples (runs.activations), for the dead-ReLU and vanishing/exploding-gradient detectors;
 * and each BatchNorm layer's running statistics beside its batch statistics (runs.batchnorm),
 * for the drift detector.
 */
import { normFromStats } from '../../../app/doctor/curves';
import type { ActivationZeros, BatchNormStats, GradNorm } from '../../../app/doctor/curves/types';
import type { Graph } from '../../../app/graph/types';
import { getHost } from '../../host';

/** Samples of the test split each ReLU is run on. */
const SAMPLES = 4;
/** ReLUs looked at (the first ones in the document). */
const MAX_RELUS = 12;

export async function gradNorms(runDir: string): Promise<GradNorm[] | string> {
  const r = await getHost().invoke('runs.gradients', { runDir });
  if (!r.ok) return r.error.message;
  const layers = new Map<string, number>();
  for (const p of r.value.params) {
    const layer = p.name.includes('.') ? p.name.slice(0, p.name.lastIndexOf('.')) : p.name;
    const n = normFromStats(
      p.shape.reduce((a, b) => a * b, 1),
      p.mean,
      p.std,
    );
    layers.set(layer, (layers.get(layer) ?? 0) + n * n);
  }
  return [...layers].map(([name, sq]) => ({ name, norm: Math.sqrt(sq) }));
}

export async function reluZeros(runDir: string, graph: Graph): Promise<ActivationZeros[] | string> {
  const relus = graph.nodes.filter((n) => n.type === 'ReLU').slice(0, MAX_RELUS);
  const out: ActivationZeros[] = [];
  for (const n of relus) {
    let sum = 0;
    let count = 0;
    for (let index = 0; index < SAMPLES; index++) {
      const r = await getHost().invoke('runs.activations', { runDir, nodeId: n.id, index });
      if (!r.ok) return r.error.message;
      if (r.value.zeros === undefined) continue;
      sum += r.value.zeros;
      count++;
    }
    if (count > 0) out.push({ nodeId: n.id, name: n.name ?? n.id, zeroFraction: sum / count });
  }
  return out;
}

export async function batchnormStats(runDir: string): Promise<BatchNormStats[] | string> {
  const r = await getHost().invoke('runs.batchnorm', { runDir });
  return r.ok ? r.value.layers : r.error.message;
}
