/**
 * Image folders against torchvision (Debian's /usr/bin/python3): ImageFolder's class order and
 * targets, and grayscale conversion equal to PIL's convert('L') + ToTensor(), pixel for pixel.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../app/data/rng';
import { loadSource } from './index';
import { allSamples } from '../../../app/data/samples';

const PY = '/usr/bin/python3';

describe('image folders vs torchvision ImageFolder', () => {
  it('same classes, targets, and grayscale values as ImageFolder + Grayscale + ToTensor', async () => {
    if (!existsSync(PY))
      throw new Error('this test compares with torchvision: sudo apt-get install python3-torchvision');
    const root = mkdtempSync(join(tmpdir(), 'netloom-tv-'));
    const rng = makeRng(7);
    const classes = ['b_dog', 'a_cat', 'C_upper'];
    for (const c of classes) {
      mkdirSync(join(root, c));
      for (let i = 0; i < 3; i++) {
        const data = Buffer.from(Array.from({ length: 5 * 4 * 3 }, () => rng.int(256)));
        writeFileSync(
          join(root, c, `img${2 - i}.png`),
          await sharp(data, { raw: { width: 5, height: 4, channels: 3 } })
            .png()
            .toBuffer(),
        );
      }
    }
    const script = `
import json, sys, torchvision.transforms as T
from torchvision.datasets import ImageFolder
ds = ImageFolder(sys.argv[1], transform=T.Compose([T.Grayscale(), T.ToTensor()]))
print(json.dumps({"classes": ds.classes, "targets": ds.targets, "x": [ds[i][0].flatten().tolist() for i in range(len(ds))]}))`;
    const ref = JSON.parse(execFileSync(PY, ['-c', script, root], { encoding: 'utf8' })) as {
      classes: string[];
      targets: number[];
      x: number[][];
    };
    const r = await loadSource({ name: 'folder', path: root, shape: [1, 4, 5] });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.train.classes).toEqual(ref.classes);
    expect(Array.from(r.value.train.y)).toEqual(ref.targets);
    const ours = Array.from(allSamples(r.value.train));
    const theirs = ref.x.flat();
    expect(ours.length).toBe(theirs.length);
    for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(theirs[i], 6);
  });
});
