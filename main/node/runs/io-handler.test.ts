import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { buildTemplate } from '../../../app/templates';
import { loadCheckpoint } from './checkpoint';
import { fsSaveHandler, readCheckpoint, saveModelStreamed } from './io-handler';

const tf = { ...tfc, ...tfl } as unknown as Tf;
const root = mkdtempSync(join(tmpdir(), 'netloom-io-handler-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('saveModelStreamed', () => {
  it("writes the files model.save(fsSaveHandler) writes, byte for byte (ResNet-18, BatchNorm's running statistics included)", async () => {
    await tf.setBackend('cpu');
    const g = buildTemplate('resnet18');
    if (!g.ok) throw new Error(g.error);
    const nodes = g.value.nodes.map((n) =>
      n.type === 'Input' ? { ...n, params: { ...n.params, shape: [3, 16, 16] } } : n,
    );
    const c = compileGraph(tf, { ...g.value, nodes }, { seed: 5 });
    if (!c.ok) throw new Error(c.error);
    const model = c.value.model;
    const extra = { epoch: 3, num_batches_tracked: { bn1: 7 } };
    const viaTfjs = join(root, 'tfjs');
    const streamed = join(root, 'streamed');
    await model.save(fsSaveHandler(viaTfjs, extra));
    await saveModelStreamed(model, streamed, extra);
    expect(readdirSync(streamed).sort()).toEqual(['model.json', 'weights.bin']);
    for (const f of ['model.json', 'weights.bin']) {
      expect(readFileSync(join(streamed, f)).equals(readFileSync(join(viaTfjs, f)))).toBe(true);
    }
    const back = readCheckpoint(streamed);
    expect(back.metadata).toEqual(extra);
    expect(back.specs.length).toBe(model.weights.length);
    // Read back (weight by weight from the file's bytes) into a model initialized otherwise.
    const other = compileGraph(tf, { ...g.value, nodes }, { seed: 6 });
    if (!other.ok) throw new Error(other.error);
    expect(loadCheckpoint(tf, other.value, streamed).ok).toBe(true);
    const want = model.getWeights();
    other.value.model.getWeights().forEach((w, i) => {
      expect(Array.from(w.dataSync())).toEqual(Array.from(want[i].dataSync()));
    });
    other.value.model.dispose();
    c.value.model.dispose();
  });
});
