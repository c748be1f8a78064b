/**
 * Predictions of a trained run on an image (decoded with sharp, resized to the network's input,
 * normalized as the run's training data was) or a .npy tensor ([C, H, W] or [N, C, H, W]).
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import sharp from 'sharp';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { parseNpy } from '../../../app/importers/npy';
import { err, ok, type Result } from '../../../app/result';
import { knownClasses, readRunSettings, resolveNormalization } from './preprocessing';
import { runGraph } from './export';
import { exportModel } from './weights';

export interface Prediction {
  /** Output per sample: [N, ...outputShape], flattened per sample. */
  outputs: Float32Array[];
  outputShape: number[];
  /** Softmax probabilities per sample when the output is a vector of logits. */
  probabilities: Float32Array[] | null;
  classes: string[] | null;
  weights: string;
}

type Stats = { mean: number[]; std: number[] } | null;

const IMAGE = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.bmp', '.tif', '.tiff', '.avif']);

async function readImage(
  path: string,
  shape: number[],
  stats: Stats,
): Promise<Result<{ shape: number[]; data: Float32Array }>> {
  if (shape.length !== 3 || (shape[0] !== 1 && shape[0] !== 3))
    return err(`the network takes [${shape.join(', ')}], not an image: give a .npy tensor`);
  const [c, h, w] = shape;
  let raw: Buffer;
  try {
    let img = sharp(path).removeAlpha().resize(w, h, { fit: 'fill' });
    if (c === 1) img = img.grayscale();
    raw = await img.raw().toBuffer();
  } catch (e) {
    return err(
      `${path} is not an image that can be decoded: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  const data = new Float32Array(c * h * w);
  const channels = raw.length / (h * w);
  for (let y = 0; y < h * w; y++) {
    for (let k = 0; k < c; k++) {
      let v = raw[y * channels + Math.min(k, channels - 1)] / 255;
      if (stats) v = (v - stats.mean[stats.mean.length === 1 ? 0 : k]) / stats.std[stats.std.length === 1 ? 0 : k];
      data[k * h * w + y] = v;
    }
  }
  return ok({ shape: [1, ...shape], data });
}

/** The normalization the run's training used (the same numbers every export of it carries). */
async function runStats(runDir: string): Promise<Result<{ stats: Stats; classes: string[] | null }>> {
  const r = await resolveNormalization(readRunSettings(runDir));
  if (!r.ok) return r;
  const { mean, std, classes } = r.value;
  return ok({ stats: mean && std ? { mean, std } : null, classes });
}

export async function predictRun(o: {
  runDir: string;
  input: string;
  which?: 'best' | 'last';
}): Promise<Result<Prediction>> {
  if (!existsSync(o.runDir)) return err(`run folder ${o.runDir} does not exist`);
  const g = runGraph(o.runDir);
  if (!g.ok) return g;
  if (!g.value) return err(`${o.runDir} has no graph.json: is it a run folder?`);
  if (!existsSync(o.input)) return err(`cannot read ${o.input}: no such file`);
  const m = await exportModel(g.value, { runDir: o.runDir, which: o.which });
  if (!m.ok) return m;
  const { tf, compiled } = m.value;
  try {
    if (compiled.inputShapes.length !== 1) return err('predict handles networks with one input');
    const shape = compiled.inputShapes[0];
    let x: { shape: number[]; data: Float32Array };
    let classes: string[] | null = null;
    if (extname(o.input).toLowerCase() === '.npy') {
      const a = parseNpy(new Uint8Array(readFileSync(o.input)), o.input);
      if (!a.ok) return a;
      const per = a.value.shape.join(',') === shape.join(',');
      const batched = a.value.shape.slice(1).join(',') === shape.join(',');
      if (!per && !batched)
        return err(
          `${o.input} has shape [${a.value.shape.join(', ')}]; the network takes [${shape.join(', ')}] or [N, ${shape.join(', ')}]`,
        );
      x = { shape: per ? [1, ...shape] : a.value.shape, data: a.value.data };
      classes = (await runStatsLight(o.runDir)).classes;
    } else {
      if (!IMAGE.has(extname(o.input).toLowerCase()))
        return err(`${o.input}: give an image (.png, .jpg, ...) or a .npy tensor`);
      const st = await runStats(o.runDir);
      if (!st.ok) return st;
      classes = st.value.classes;
      const img = await readImage(o.input, shape, st.value.stats);
      if (!img.ok) return img;
      x = img.value;
    }
    const y = tf.tidy(() => compiled.model.predict(tf.tensor(x.data, x.shape)) as Tensor);
    const outShape = y.shape.slice(1);
    const flat = y.dataSync() as Float32Array;
    y.dispose();
    const per = outShape.reduce((a, b) => a * b, 1);
    const outputs = Array.from({ length: x.shape[0] }, (_, i) => flat.slice(i * per, (i + 1) * per));
    const probabilities = outShape.length === 1 ? outputs.map(softmax) : null;
    if (classes && outShape[0] !== classes.length) classes = null;
    return ok({ outputs, outputShape: outShape, probabilities, classes, weights: m.value.source });
  } finally {
    compiled.model.dispose();
  }
}

async function runStatsLight(runDir: string): Promise<{ classes: string[] | null }> {
  return { classes: knownClasses(readRunSettings(runDir)) };
}

function softmax(v: Float32Array): Float32Array {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
