/**
 * An exported model remembers its preprocessing: Netloom's LeNet-5 for Fashion-MNIST, trained
 * briefly by `netloom train` (3,000 images, one epoch) with Normalize(0.286, 0.353), is exported; PyTorch (Debian's /usr/bin/python3) runs load() +
 * preprocess() on raw test images and must predict what the app predicts on the same images
 * normalized as training did, so its accuracy is the app's. ONNX metadata_props and TensorFlow.js
 * userDefinedMetadata carry the same input shape, mean/std and class names.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES } from '../../../app/data/classes';
import { parseIdx } from '../../../app/data/idx';
import { buildTemplate } from '../../../app/templates';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { PREPROCESS_META } from '../../../app/compiler/preprocess';
import { exportProject } from './export';
import { decodeOnnx } from './onnx';
import { exportModel } from './weights';
import { serializeProject } from '../../../app/graph/schema';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

const DATA = '/usr/share/datasets/fashion-mnist';
const N = 300;
const MEAN = 0.286,
  STD = 0.353;
const root = mkdtempSync(join(tmpdir(), 'netloom-pre-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function testImages(): { x: Uint8Array; y: Uint8Array } {
  const img = parseIdx(gunzipSync(readFileSync(join(DATA, 't10k-images-idx3-ubyte.gz'))), 't10k-images');
  const lab = parseIdx(gunzipSync(readFileSync(join(DATA, 't10k-labels-idx1-ubyte.gz'))), 't10k-labels');
  if (!img.ok || !lab.ok) throw new Error('cannot read Fashion-MNIST test files');
  return { x: Uint8Array.from(img.value.data.subarray(0, N * 784)), y: Uint8Array.from(lab.value.data.subarray(0, N)) };
}

describe.skipIf(!existsSync('/usr/bin/python3') || !existsSync(DATA))(
  'every export carries the input shape, normalization and class names',
  () => {
    it("load() + preprocess() on raw images gives the app's predictions and accuracy; ONNX and TensorFlow.js metadata agree", async () => {
      const t = buildTemplate('lenet5');
      if (!t.ok) throw new Error(t.error);
      const graph = {
        ...t.value,
        dataset: { name: 'fashion-mnist', normalize: { mean: [MEAN], std: [STD] } },
        training: { ...(t.value.training ?? {}), seed: 7 },
      };
      const project = join(root, 'lenet.netloom.json');
      writeFileSync(project, serializeProject(graph));
      const runDir = join(root, 'run');
      execFileSync(
        join(REPO, 'bin', 'netloom'),
        [
          'train',
          project,
          '--data-dir',
          DATA,
          '--limit',
          '3000',
          '--epochs',
          '1',
          '--optimizer',
          'adam',
          '--lr',
          '0.002',
          '--workers',
          '1',
          '--out',
          runDir,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], timeout: 400_000, env: { ...process.env, NETLOOM_DATA_DIR: DATA } },
      );
      const out = join(root, 'export');
      const r = await exportProject({ graph, format: 'all', outDir: out, runDir });
      if (!r.ok) throw new Error(r.error);

      // The app's predictions: the same weights in tfjs on the images normalized as training did.
      const { x, y } = testImages();
      const m = await exportModel(graph, { runDir });
      if (!m.ok) throw new Error(m.error);
      const input = Float32Array.from(x, (v) => (v / 255 - MEAN) / STD);
      const out10 = m.value.tf.tidy(() =>
        (m.value.compiled.model.predict(m.value.tf.tensor(input, [N, 1, 28, 28])) as Tensor).dataSync(),
      );
      m.value.compiled.model.dispose();
      const appPred = Array.from({ length: N }, (_, i) => {
        const row = Array.from(out10.subarray(i * 10, i * 10 + 10));
        return row.indexOf(Math.max(...row));
      });
      const appAcc = appPred.filter((p, i) => p === y[i]).length / N;

      writeFileSync(join(root, 'x.u8'), x);
      writeFileSync(join(root, 'y.u8'), y);
      const script = fileURLToPath(new URL('./preprocess_check.py', import.meta.url));
      execFileSync(
        '/usr/bin/python3',
        [script, join(out, 'pytorch'), join(root, 'x.u8'), join(root, 'y.u8'), join(root, 'out.json')],
        { stdio: ['ignore', 'ignore', 'pipe'], timeout: 240_000 },
      );
      const py = JSON.parse(readFileSync(join(root, 'out.json'), 'utf8')) as {
        pred: number[];
        unnormalized: number[];
        acc: number;
        classes: string[];
        mean: number[];
        std: number[];
        input_shape: number[];
      };
      expect(py.input_shape).toEqual([1, 28, 28]);
      expect(py.mean[0]).toBeCloseTo(MEAN, 6);
      expect(py.std[0]).toBeCloseTo(STD, 6);
      expect(py.classes).toEqual(FASHION_MNIST_CLASSES);
      const agree = py.pred.filter((p, i) => p === appPred[i]).length;
      expect(agree).toBeGreaterThanOrEqual(N - 1); // float rounding may flip a near tie
      expect(Math.abs(py.acc - appAcc)).toBeLessThanOrEqual(1 / N);
      expect(appAcc).toBeGreaterThan(0.5); // trained: far above chance (0.1)
      // Without Normalize the predictions differ: this is what the export forgot before.
      expect(py.unnormalized.filter((p, i) => p !== appPred[i]).length).toBeGreaterThan(N / 20);

      const onnx = decodeOnnx(readFileSync(join(out, 'onnx', 'model.onnx')));
      if (!onnx.ok) throw new Error(onnx.error);
      const meta = new Map((onnx.value.metadataProps ?? []).map((p) => [p.key, p.value]));
      expect(JSON.parse(meta.get(PREPROCESS_META.input_shape) ?? 'null')).toEqual([1, 28, 28]);
      expect(JSON.parse(meta.get(PREPROCESS_META.mean) ?? 'null')).toEqual([MEAN]);
      expect(JSON.parse(meta.get(PREPROCESS_META.std) ?? 'null')).toEqual([STD]);
      expect(JSON.parse(meta.get(PREPROCESS_META.classes) ?? 'null')).toEqual(FASHION_MNIST_CLASSES);

      const tfjs = JSON.parse(readFileSync(join(out, 'tfjs', 'model.json'), 'utf8')) as {
        userDefinedMetadata: { netloom: { preprocessing: unknown } };
      };
      expect(tfjs.userDefinedMetadata.netloom.preprocessing).toEqual({
        input_shape: [1, 28, 28],
        mean: [MEAN],
        std: [STD],
        classes: FASHION_MNIST_CLASSES,
      });
    });
  },
);
