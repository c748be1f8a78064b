// Every layer kind trains on WebGPU as on the cpu backend: forward outputs, the gradients of
// every weight and of the input, and the running stats after a train-mode pass, on tiny shapes,
// through Dawn's SwiftShader adapter (the compiler's own cases: app/compiler/tfjs/testing).
// Batch 3: at batch 2 BatchNorm's input gradient is zero up to rounding (two samples normalize
// to exactly -1 and 1), which no ratio can compare. Upsample(nearest) runs at batch 1: the cpu
// backend's ResizeNearestNeighborGrad (tfjs-backend-cpu 4.22) offsets dy by the input's batch
// stride, so its gradient is wrong from the second sample on; tfjs-webgpu's is right.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import { layerCases, mergeCases } from '../../../../app/compiler/tfjs/testing/torch-cases';
import type { KindTrainCase } from '../../../../app/compiler/tfjs/testing/kind-train-case';
import { LAYERS } from '../../../../app/layers/registry';
import { loadBackend } from '../backend';
import { forwardBackward, scaledGap } from './parity';
import { swiftShaderOrSkip } from './test-util';

const runs = swiftShaderOrSkip('webgpu/layers.test.ts');
const TOL = 1e-4;
let tf: Tf;

describe.runIf(runs)('every layer kind on WebGPU equals the cpu backend (SwiftShader)', () => {
  beforeAll(async () => {
    const b = await loadBackend('webgpu');
    if (!b.ok) throw new Error(b.error);
    tf = b.value.tf;
  });

  // The compiler's cases, and each kind's own (app/layers/<kind>/train-cases.ts, found by Vite's glob: no list to edit).
  const kindCases = Object.values(
    import.meta.glob<{ trainCases: KindTrainCase[] }>('../../../../app/layers/*/train-cases.ts', { eager: true }),
  ).flatMap((m) => m.trainCases.map((k) => ({ id: k.name, graph: k.graph() })));
  const cases = [...layerCases(), ...mergeCases(), ...kindCases];
  it('the cases cover every layer kind of the registry', () => {
    const covered = new Set(cases.flatMap((c) => c.graph.nodes.map((n) => n.type)));
    expect(LAYERS.map((l) => l.type).filter((t) => !covered.has(t))).toEqual([]);
  });

  it.each(cases.map((c, i) => [c.id, c, i] as const))('%s', async (_id, c, i) => {
    const batch = c.id.startsWith('Upsample#nearest') ? 1 : 3;
    const cpu = await forwardBackward(tf, 'cpu', c.graph, { seed: i + 1, batch });
    const before = tf.memory().numTensors;
    const gpu = await forwardBackward(tf, 'webgpu', c.graph, { seed: i + 1, batch, weights: cpu.initial });
    expect(tf.memory().numTensors, 'tensors left on webgpu').toBe(before);
    cpu.outputs.forEach((o, k) => expect(scaledGap(gpu.outputs[k], o), `output ${k}`).toBeLessThan(TOL));
    cpu.grads.forEach((g, k) =>
      expect(scaledGap(gpu.grads[k], g), `gradient ${k} of ${cpu.grads.length}`).toBeLessThan(TOL),
    );
    cpu.state.forEach((s, k) => expect(scaledGap(gpu.state[k], s), `weight ${k} after the pass`).toBeLessThan(TOL));
  });
});
