/**
 * `netloom predict` spawned as a person runs it: an image is resized, made grey and normalized as
 * the run's training data was, and the printed probabilities are the softmax of the run's outputs;
 * a .npy tensor gives the same outputs back as .npy; bad input is one line and exit 2.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { serializeProject } from '../../../app/graph/schema';
import { encodeNpy, parseNpy } from '../../../app/importers/npy';
import { buildTemplate } from '../../../app/templates';
import { exportModel } from '../export/weights';
import { saveCheckpoint } from '../runs/checkpoint';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const pixels = Uint8Array.from({ length: 56 * 56 }, (_, i) => (i * 7) % 256);
let imageLogits: number[] = [];
let npyInput: Float32Array;
let npyLogits: number[] = [];

beforeAll(async () => {
  const g = buildTemplate('lenet5');
  if (!g.ok) throw new Error(g.error);
  g.value.dataset = { name: 'fashion-mnist', normalize: { mean: [0.5], std: [0.25] } };
  writeFileSync(join(dir, 'p.json'), serializeProject(g.value));
  const m = await exportModel(g.value, { seed: 4 });
  if (!m.ok) throw new Error(m.error);
  const { tf, compiled } = m.value;
  await saveCheckpoint(compiled, join(dir, 'run', 'best'), { epoch: 1 });
  writeFileSync(join(dir, 'run', 'graph.json'), serializeProject(g.value));
  writeFileSync(join(dir, 'run', 'settings.json'), JSON.stringify({ training: {}, dataset: g.value.dataset }));
  await sharp(Buffer.from(pixels), { raw: { width: 56, height: 56, channels: 1 } })
    .png()
    .toFile(join(dir, 'img.png'));
  // What predict must do: resize 56x56 -> 28x28 (sharp), scale to [0, 1], normalize.
  const small = await sharp(join(dir, 'img.png')).resize(28, 28, { fit: 'fill' }).grayscale().raw().toBuffer();
  const x = Float32Array.from(small, (v) => (v / 255 - 0.5) / 0.25);
  imageLogits = Array.from((compiled.model.predict(tf.tensor(x, [1, 1, 28, 28])) as Tensor).dataSync());
  npyInput = Float32Array.from({ length: 3 * 784 }, (_, i) => Math.cos(i));
  writeFileSync(join(dir, 'x.npy'), encodeNpy({ shape: [3, 1, 28, 28], data: npyInput }));
  npyLogits = Array.from((compiled.model.predict(tf.tensor(npyInput, [3, 1, 28, 28])) as Tensor).dataSync());
  compiled.model.dispose();
}, 120_000);

describe('netloom predict', () => {
  it('prints the top classes of an image with their probabilities', async () => {
    const r = await netloom('predict', 'p.json', '--run', 'run', '--input', 'img.png', '--top', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = Math.max(...imageLogits);
    const e = imageLogits.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    const best = e
      .map((v, k) => [v / s, k] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 3);
    const names = [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ];
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    best.forEach(([p, k], i) => expect(lines[i].trim()).toBe(`${(p * 100).toFixed(2)}%  ${k} ${names[k]}`));
  }, 60_000);

  it('writes the outputs of a .npy batch to --output', async () => {
    const r = await netloom('predict', 'p.json', '--run', 'run', '--input', 'x.npy', '--output', 'y.npy');
    expect(r.code).toBe(0);
    const y = parseNpy(new Uint8Array(readFileSync(join(dir, 'y.npy'))));
    if (!y.ok) throw new Error(y.error);
    expect(y.value.shape).toEqual([3, 10]);
    expect(Math.max(...Array.from(y.value.data, (v, i) => Math.abs(v - npyLogits[i])))).toBeLessThan(1e-6);
  }, 60_000);

  it('bad input is one line on stderr and exit 2', async () => {
    writeFileSync(join(dir, 'bad.png'), 'not an image');
    writeFileSync(join(dir, 'bad.npy'), 'nope');
    writeFileSync(join(dir, 'wrong.npy'), encodeNpy({ shape: [2, 3], data: new Float32Array(6) }));
    const cases: [string[], RegExp][] = [
      [['--input', 'bad.png'], /bad\.png is not an image that can be decoded/],
      [['--input', 'bad.npy'], /bad\.npy is not a \.npy file/],
      [['--input', 'wrong.npy'], /has shape \[2, 3\]; the network takes \[1, 28, 28\]/],
      [['--input', 'missing.png'], /cannot read missing\.png/],
    ];
    for (const [args, msg] of cases) {
      const r = await netloom('predict', 'p.json', '--run', 'run', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  }, 120_000);
});
