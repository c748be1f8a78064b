import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../templates/builder';
import { compileGraph } from './compile';
import { toPlainTopology } from './plain';
import type { Tensor, Tf } from './tf';

const tf = { ...tfc, ...tfl } as unknown as Tf;
beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function saved(graph: ReturnType<GraphBuilder['build']>) {
  const c = compileGraph(tf, graph, { seed: 2 });
  if (!c.ok) throw new Error(c.error);
  // Train-mode passes move BatchNorm's running stats away from 0/1.
  for (let i = 0; i < 2; i++)
    tf.dispose(c.value.model.apply(tf.randomNormal([8, 3, 8, 8]), { training: true }) as Tensor);
  let artifacts: tfc.io.ModelArtifacts | null = null;
  await c.value.model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { model: c.value.model, artifacts: artifacts as unknown as tfc.io.ModelArtifacts };
}

describe('saved models', () => {
  it('reload (custom layers registered) and, rewritten, load as plain tfjs with the same predictions', async () => {
    const b = new GraphBuilder('Net');
    b.chain(b.input([3, 8, 8]), [
      ['Conv2d', { out_channels: 4, kernel_size: 3, padding: 1 }],
      ['BatchNorm2d', { momentum: 0.3 }],
      ['ReLU', {}],
      ['MaxPool2d', { kernel_size: 2 }],
      ['Flatten', {}],
      ['Dropout', { p: 0.5 }],
      ['Linear', { out_features: 5 }],
    ]);
    const { model, artifacts } = await saved(b.build());
    const x = tf.randomNormal([4, 3, 8, 8]);
    const want = Array.from((model.predict(x) as Tensor).dataSync());
    const again = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(Array.from((again.predict(x) as Tensor).dataSync())).toEqual(want);
    const plain = toPlainTopology(artifacts.modelTopology as Record<string, unknown>);
    expect(plain.custom).toEqual([]);
    expect(JSON.stringify(plain.topology)).not.toMatch(/Torch/);
    const p = await tf.loadLayersModel(tf.io.fromMemory({ ...artifacts, modelTopology: plain.topology }));
    const got = Array.from((p.predict(x) as Tensor).dataSync());
    expect(Math.max(...got.map((v, i) => Math.abs(v - want[i])))).toBeLessThan(1e-5);
  });

  it('names the custom layers a rewrite cannot replace', async () => {
    const b = new GraphBuilder('Net');
    b.chain(b.input([3, 8, 8]), [
      ['MaxPool2d', { kernel_size: 3, stride: 2, padding: 1 }],
      ['LogSoftmax', { dim: 1 }],
    ]);
    const { artifacts } = await saved(b.build());
    expect(toPlainTopology(artifacts.modelTopology as Record<string, unknown>).custom).toEqual([
      'TorchPool2d',
      'TorchSoftmax',
    ]);
  });
});
