/**
 * Keras GroupNormalization imports as GroupNorm with PyTorch's outputs. tfjs-layers has no
 * GroupNormalization, so import-keras-groupnorm.py writes the models (model.json + weights, Keras 3's
 * config) and nn.GroupNorm's outputs with the same gamma and beta (Debian's python3-torch), after
 * checking them against Keras's channels-last computation written out in numpy. Channels-last
 * images and sequences, features, groups=-1, only center or only scale, and neither. Netloom's own
 * TorchGroupNorm (its tfjs export) reads back when the project in the file is not taken; an axis other
 * than the channels and groups that are no number of groups are one-line errors naming the layer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../app/graph/types';
import { importKeras } from '../../../app/importers/keras';
import { getLayer } from '../../../app/layers/registry';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { GraphBuilder } from '../../../app/templates/builder';
import { importModelFile } from './import';
import { importedOutputs } from './testing/import-roundtrip';
import { writeTfjs } from './tfjs';
import { exportModel } from './weights';

const dir = mkdtempSync(join(tmpdir(), 'netloom-keras-groupnorm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./import-keras-groupnorm.py', import.meta.url)), dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    });
  } catch (e) {
    throw new Error(
      `import-keras-groupnorm.py failed (install Debian's python3-torch and python3-numpy): ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`,
    );
  }
}, 180_000);

const read = (f: string) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/** [case, PyTorch per-sample input shape, GroupNorm's params, weights imported]. */
const CASES: [string, number[], Record<string, unknown>, boolean][] = [
  ['image', [6, 5, 4], { num_groups: 3, eps: 1e-3 }, true],
  ['image_instance', [4, 6, 5], { num_groups: 4, eps: 1e-5 }, true],
  ['sequence', [8, 7], { num_groups: 2, eps: 1e-3 }, true],
  ['features', [12], { num_groups: 4, eps: 0.01 }, true],
  ['noaffine', [6, 4, 4], { num_groups: 2, eps: 0.1, affine: false }, false],
];

describe('Keras GroupNormalization import', () => {
  it.each(CASES)("%s: GroupNorm with nn.GroupNorm's outputs", async (name, shape, params, weighted) => {
    const r = await importModelFile(join(dir, name, 'model.json'));
    if (!r.ok) throw new Error(r.error);
    const g = r.value.graph;
    expect(analyzeGraph(g).errors).toEqual([]);
    expect(g.nodes.map((n) => n.type)).toEqual(['Input', 'GroupNorm']);
    expect(g.nodes[0].params.shape).toEqual(shape);
    const spec = getLayer('GroupNorm');
    expect(spec?.schema.parse(g.nodes[1].params)).toEqual(spec?.schema.parse(params));
    expect(r.value.weights.map((w) => [w.name.replace(/^.*\./, ''), w.shape])).toEqual(
      weighted
        ? [
            ['weight', [shape[0]]],
            ['bias', [shape[0]]],
          ]
        : [],
    );
    const [got] = await importedOutputs(g, r.value.weights, [{ shape: [2, ...shape], values: read(`${name}.x.bin`) }]);
    const want = read(`${name}.y.bin`);
    expect(got.length).toBe(want.length);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < want.length; i++) {
      diff = Math.max(diff, Math.abs(got[i] - want[i]));
      scale = Math.max(scale, Math.abs(want[i]));
    }
    expect(diff / scale).toBeLessThan(1e-4);
  });
});

/** A channels-last GroupNormalization over [H, W, C] = [4, 4, 6] with the given config overrides. */
function keras(config: Record<string, unknown>, shape = [4, 4, 6]) {
  return importKeras(
    {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, ...shape] } },
          { class_name: 'GroupNormalization', config: { name: 'gn', groups: 2, axis: -1, epsilon: 1e-3, ...config } },
        ],
      },
    },
    new Map(),
    'gn.json',
  );
}

describe('Keras GroupNormalization: what does not map', () => {
  it('an axis other than the channels, groups that do not divide or are no count: errors naming the layer and the fix', () => {
    const error = (r: ReturnType<typeof keras>) => (r.ok ? 'imported' : r.error);
    expect(error(keras({ axis: 1 }))).toBe(
      "gn.json: layer 'gn' (GroupNormalization): GroupNorm normalizes groups of channels, and axis 1 of this input [N, 4, 4, 6] is not its channel axis -1; save the model with the GroupNormalization over the channels (axis=-1), or with a Permute that moves the normalized axis there",
    );
    expect(error(keras({ axis: [1, 2] }))).toMatch(
      /axis \[1,2\] of this input \[N, 4, 4, 6\] is not its channel axis -1/,
    );
    expect(error(keras({ axis: 3 }))).toBe('imported');
    expect(error(keras({ groups: 4 }))).toBe(
      "gn.json: layer 'gn' (GroupNormalization) as GroupNorm: num_channels must be divisible by num_groups: 6 channels cannot form 4 groups; pick num_groups dividing 6",
    );
    expect(error(keras({ groups: 0 }))).toMatch(
      /layer 'gn' \(GroupNormalization\): groups 0 is not a number of groups; set groups to a divisor of the 6 channels \(or -1, one group per channel\)$/,
    );
    // groups left out is Keras's 32, which 6 channels cannot form.
    expect(error(keras({ groups: undefined }))).toMatch(/6 channels cannot form 32 groups/);
    const r = keras({ groups: -1, epsilon: 1e-5 });
    expect(r.ok && r.value.graph.nodes[1].params).toEqual({ num_groups: 6, eps: 1e-5 });
  });
});

describe("Netloom's own TorchGroupNorm", () => {
  it('reads back from a tfjs export whose project is not taken, with the same outputs', async () => {
    const b = new GraphBuilder('Net');
    const x = b.input([6, 5, 4]);
    const gn = b.layer('GroupNorm', { num_groups: 3, eps: 1e-3 }, [x]);
    const conv = b.layer('Conv2d', { out_channels: 4, kernel_size: 1 }, [gn]);
    b.layer('GroupNorm', { num_groups: 2, affine: false }, [b.layer('Flatten', {}, [conv])]);
    const g = b.build() as Graph;
    const m = await exportModel(g, { seed: 5 });
    if (!m.ok) throw new Error(m.error);
    // Weights away from ones and zeros, so that a weight read into the wrong place shows.
    const gnLayer = m.value.compiled.model.layers.find((l) => l.getClassName() === 'TorchGroupNorm');
    gnLayer?.setWeights(gnLayer.getWeights().map((w) => m.value.tf.randomNormal(w.shape, 0.5, 1, 'float32', 7)));
    const out = join(dir, 'own');
    const w = await writeTfjs(m.value.compiled, out, {}, g);
    if (!w.ok) throw new Error(w.error);
    const path = join(out, 'model.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as { userDefinedMetadata?: Record<string, unknown> };
    delete json.userDefinedMetadata;
    writeFileSync(path, JSON.stringify(json));
    const back = await importModelFile(path);
    if (!back.ok) throw new Error(back.error);
    expect(back.value.graph.nodes.filter((n) => n.type === 'GroupNorm').map((n) => n.params)).toEqual([
      { num_groups: 3, eps: 1e-3 },
      { num_groups: 2, eps: 1e-5, affine: false },
    ]);
    const xs = m.value.tf.randomNormal([2, 6, 5, 4], 0, 1, 'float32', 9);
    const y = m.value.compiled.model.predict(xs) as Tensor;
    const want = y.dataSync();
    const [got] = await importedOutputs(back.value.graph, back.value.weights, [
      { shape: [2, 6, 5, 4], values: xs.dataSync() as Float32Array },
    ]);
    m.value.tf.dispose([xs, y]);
    m.value.compiled.model.dispose();
    expect(got.length).toBe(want.length);
    let diff = 0;
    for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(got[i] - want[i]));
    expect(diff).toBeLessThan(1e-5);
  });
});
