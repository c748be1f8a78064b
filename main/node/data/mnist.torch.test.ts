/**
 * Fashion-MNIST decoding against torchvision: `datasets.FashionMNIST(root)` with ToTensor() on the
 * Debian files (extracted into torchvision's ROOT/FashionMNIST/raw layout), compared sample by sample.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadSource } from './index';
import { IDX_FILES } from './mnist';
import { allSamples } from '../../../app/data/samples';

const DEBIAN = '/usr/share/datasets/fashion-mnist';

describe('Fashion-MNIST vs torchvision', () => {
  it('the same pixels and labels as datasets.FashionMNIST + ToTensor (train and test)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netloom-tvfm-'));
    const raw = join(root, 'FashionMNIST', 'raw');
    mkdirSync(raw, { recursive: true });
    // torchvision 0.14 looks for the extracted files; this also exercises the uncompressed path
    for (const base of Object.values(IDX_FILES))
      writeFileSync(join(raw, base), gunzipSync(readFileSync(join(DEBIAN, `${base}.gz`))));
    const script = `
import json, sys, torch, torchvision.transforms as T
from torchvision.datasets import FashionMNIST
out = {}
for train in (True, False):
    ds = FashionMNIST(sys.argv[1], train=train, download=False, transform=T.ToTensor())
    idx = [0, 1, 2, 12345 % len(ds), len(ds) - 1]
    out['train' if train else 'test'] = {"n": len(ds), "classes": ds.classes, "idx": idx,
        "x": [ds[i][0].flatten().tolist() for i in idx], "y": [ds[i][1] for i in idx],
        "sum": float(ds.data.double().sum() / 255)}
print(json.dumps(out))`;
    let refText: string;
    try {
      refText = execFileSync('/usr/bin/python3', ['-c', script, root], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      throw new Error(
        `torchvision reference failed (sudo apt-get install python3-torchvision dataset-fashion-mnist): ${(e as Error).message}`,
      );
    }
    type Ref = { n: number; classes: string[]; idx: number[]; y: number[]; x: number[][]; sum: number };
    const ref = JSON.parse(refText) as Record<'train' | 'test', Ref>;
    const r = await loadSource({ name: 'fashion-mnist', dataDir: root });
    if (!r.ok) throw new Error(r.error);
    for (const [split, ds] of [
      ['train', r.value.train],
      ['test', r.value.test!],
    ] as const) {
      const t = ref[split];
      expect(ds.n).toBe(t.n);
      expect(ds.classes).toEqual(t.classes);
      expect(ds.x).toBeInstanceOf(Uint8Array);
      const values = allSamples(ds);
      t.idx.forEach((i, k) => {
        expect(ds.y[i]).toBe(t.y[k]);
        const ours = Array.from(values.subarray(i * 784, (i + 1) * 784));
        ours.forEach((v, j) => expect(v).toBeCloseTo(t.x[k][j], 6));
      });
      let sum = 0;
      for (const v of values) sum += v;
      expect(sum).toBeCloseTo(t.sum, 0);
    }
  });
});
