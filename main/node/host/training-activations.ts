/**
 * `runs.activations`: what one node outputs for one test sample, from a run's checkpoint. Feature
 * maps ([C, H, W]) come back as a PNG grid, one tile per channel scaled to its own min..max;
 * vectors as their values.
 */
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { Tensor } from '@tensorflow/tfjs-core';
import { renderGrid } from '../../../app/data/grid';
import { err, ok } from '../../../app/result';
import type { HostResult } from '../../../app/protocol';
import { encodePng } from '../data/png';
import { sampleImage, type Loaded } from './training-eval';
import { readSamples } from '../../../app/data/samples';

export function activations(
  l: Loaded,
  nodeId: string,
  index: number,
): HostResult<{
  shape: number[];
  image: string | null;
  values: number[] | null;
  label: string;
  input: string;
  zeros: number;
}> {
  const { tf, compiled, test } = l;
  if (index >= test.n)
    return err({
      code: 'bad-request',
      message: `runs.activations: the test split has ${test.n} samples; pick an index below that.`,
    });
  const base = `n_${nodeId.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const model = compiled.model as unknown as LayersModel;
  const layers = model.layers.filter((x) => x.name === base || x.name.startsWith(`${base}_`));
  const layer = layers[layers.length - 1];
  if (!layer)
    return err({
      code: 'not-found',
      message: `node ${nodeId} has no output of its own in the compiled model (an Input, or folded into another layer).`,
    });
  const sub = tf.model({ inputs: model.inputs, outputs: layer.output as SymbolicTensor });
  const out = tf.tidy(
    () => sub.predict(tf.tensor(readSamples(test, index, 1), [1, ...test.shape], 'float32')) as Tensor,
  );
  const values = out.dataSync() as Float32Array;
  const shape = out.shape.slice(1) as number[];
  out.dispose();
  // Share of exact zeros (dead ReLU units, for the doctor), over every value of the output.
  let zero = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) zero++;
  const zeros = values.length > 0 ? zero / values.length : 0;
  const label = test.classes[test.y[index]];
  const input = sampleImage(test, index);
  if (shape.length !== 3) return ok({ shape, image: null, values: Array.from(values), label, input, zeros });
  // tfjs keeps feature maps as NHWC: channel c of pixel p is values[p * C + c].
  const [h, w, c] = shape;
  const tiles: Float32Array[] = [];
  for (let ch = 0; ch < c; ch++) {
    const t = new Float32Array(h * w);
    let min = Infinity;
    let max = -Infinity;
    for (let p = 0; p < h * w; p++) {
      const v = values[p * c + ch];
      t[p] = v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (let p = 0; p < h * w; p++) t[p] = max > min ? (t[p] - min) / (max - min) : 0;
    tiles.push(t);
  }
  const scale = Math.max(1, Math.floor(56 / Math.max(h, w)));
  const png = encodePng(renderGrid(tiles, [1, h, w], Math.min(16, c), scale));
  return ok({
    shape: [c, h, w],
    image: `data:image/png;base64,${png.toString('base64')}`,
    values: null,
    label,
    input,
    zeros,
  });
}
