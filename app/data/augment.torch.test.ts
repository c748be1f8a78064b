/**
 * The geometric augmentations against torchvision 0.14 (Debian's /usr/bin/python3): for fixed
 * draws, `applyAffine` equals F.hflip / F.vflip followed by F.affine(img, -angle, translate, scale,
 * shear=0, interpolation=BILINEAR) on a float tensor (F.affine's angle is clockwise; ours, like
 * F.rotate's and RandomRotation's, counter-clockwise). A 90 degree turn is also checked by hand.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyAffine, type AffineParams } from './augment';
import { makeRng } from './rng';

const shape = [2, 7, 9];
const rng = makeRng(21);
const img = Float32Array.from({ length: 2 * 7 * 9 }, () => rng.next());
const cases: AffineParams[] = [
  { hflip: false, vflip: false, angle: 30, scale: 1, tx: 0, ty: 0 },
  { hflip: false, vflip: false, angle: -12.5, scale: 1.2, tx: 1, ty: -2 },
  { hflip: true, vflip: false, angle: 45, scale: 0.8, tx: 0, ty: 1 },
  { hflip: false, vflip: true, angle: 0, scale: 1, tx: -2, ty: 3 },
  { hflip: true, vflip: true, angle: 90, scale: 1.5, tx: 2, ty: 0 },
];

describe('applyAffine vs torchvision', () => {
  it('turns counter-clockwise: +90 degrees takes the pixel above the centre to its left', () => {
    const dot = new Float32Array(25);
    dot[1 * 5 + 2] = 1;
    const out = new Float32Array(25);
    applyAffine(dot, out, [1, 5, 5], { hflip: false, vflip: false, angle: 90, scale: 1, tx: 0, ty: 0 });
    expect(out[2 * 5 + 1]).toBeCloseTo(1, 6);
  });
  it('matches F.affine with bilinear sampling and zero fill', () => {
    const script = `
import json, sys, torch
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode
d = json.loads(sys.stdin.read())
x = torch.tensor(d["img"], dtype=torch.float32).reshape(d["shape"])
out = []
for c in d["cases"]:
    y = x
    if c["hflip"]: y = F.hflip(y)
    if c["vflip"]: y = F.vflip(y)
    y = F.affine(y, angle=-c["angle"], translate=[c["tx"], c["ty"]], scale=c["scale"], shear=[0.0, 0.0], interpolation=InterpolationMode.BILINEAR)
    out.append(y.flatten().tolist())
print(json.dumps(out))`;
    let text: string;
    try {
      text = execFileSync('/usr/bin/python3', ['-c', script], {
        input: JSON.stringify({ img: Array.from(img), shape, cases }),
        encoding: 'utf8',
      });
    } catch (e) {
      throw new Error(
        `torchvision reference failed (sudo apt-get install python3-torchvision): ${(e as Error).message}`,
      );
    }
    const ref = JSON.parse(text) as number[][];
    cases.forEach((c, k) => {
      const out = new Float32Array(img.length);
      applyAffine(img, out, shape, c);
      let worst = 0;
      for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - ref[k][i]));
      expect(worst, `case ${JSON.stringify(c)}`).toBeLessThan(1e-4);
    });
  });
});
