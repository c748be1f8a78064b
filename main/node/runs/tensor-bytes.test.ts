/**
 * Checkpoints written from the tensors where they are (the wasm heap) or read one at a time (cpu)
 * are byte for byte the files tfjs's save and the read-out optimizer state give.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { GraphBuilder } from '../../../app/templates/builder';
import { createOptimizer } from '../../../app/training/optimizers';
import { parseTrainingSettings } from '../../../app/training/settings';
import { loadBackend } from '../engine/backend';
import { saveRunCheckpoint } from '../reliability/run-checkpoint';
import { fsSaveHandler } from './io-handler';
import { heapViews } from './tensor-bytes';

const root = mkdtempSync(join(tmpdir(), 'netloom-tensor-bytes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function graph() {
  const b = new GraphBuilder('Small');
  b.chain(b.input([3, 12, 12]), [
    ['Conv2d', { out_channels: 6, kernel_size: 3 }],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Flatten', {}],
    ['Linear', { out_features: 5 }],
  ]);
  return b.build();
}

const same = (a: string, b: string) => readFileSync(a).equals(readFileSync(b));

describe.each(['wasm', 'cpu'] as const)('checkpoint writers on %s', (name) => {
  it('write the weights and the optimizer state as tfjs save and the read-out state do', async () => {
    const loaded = await loadBackend(name);
    if (!loaded.ok) throw new Error(loaded.error);
    const tf: Tf = loaded.value.tf;
    const c = compileGraph(tf, graph(), { seed: 4 });
    if (!c.ok) throw new Error(c.error);
    const model = c.value.model;
    const params = model.trainableWeights.map((w) => w.read()) as unknown as import('@tensorflow/tfjs-core').Variable[];
    for (const optimizer of ['sgd', 'adam'] as const) {
      const s = parseTrainingSettings({ optimizer, lr: 0.01, momentum: 0.9 });
      if (!s.ok) throw new Error(s.error);
      const opt = createOptimizer(tf, params, s.value);
      // Two steps with made-up gradients, so that every state buffer holds values of its own.
      for (let k = 1; k <= 2; k++) {
        const grads = params.map((p, i) => tf.randomNormal(p.shape, 0, 1, 'float32', 100 * k + i));
        opt.step(grads);
        tf.dispose(grads);
      }
      const views = heapViews(model.weights.map((w) => w.read()));
      expect(views === null).toBe(name !== 'wasm');
      const live = join(root, `${name}-${optimizer}-live`);
      const copies = join(root, `${name}-${optimizer}-copies`);
      const viaTfjs = join(root, `${name}-${optimizer}-tfjs`);
      const before = tf.memory().numTensors;
      await saveRunCheckpoint(c.value, live, 2, opt.stateTensors());
      expect(tf.memory().numTensors).toBe(before);
      await saveRunCheckpoint(c.value, copies, 2, await opt.readState());
      await model.save(fsSaveHandler(viaTfjs, { epoch: 2, num_batches_tracked: {} }));
      for (const f of ['model.json', 'weights.bin', 'optimizer.json', 'optimizer.bin'])
        expect(same(join(live, f), join(copies, f)), f).toBe(true);
      expect(same(join(live, 'weights.bin'), join(viaTfjs, 'weights.bin'))).toBe(true);
      const manifest = JSON.parse(readFileSync(join(live, 'optimizer.json'), 'utf8')) as { buffers: unknown[] };
      expect(manifest.buffers.length).toBe(optimizer === 'sgd' ? params.length : 2 * params.length);
      opt.dispose();
    }
    model.dispose();
  }, 60_000);
});
