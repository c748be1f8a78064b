/**
 * Image folders in torchvision's `ImageFolder` layout: ROOT/<class>/<image>, classes sorted by
 * name; optionally ROOT/train/<class>/... and ROOT/test/<class>/... (or val/) as the source's own
 * splits. PNG, JPEG and WebP are decoded with sharp, resized to the network's input [C, H, W] and
 * converted to grayscale (C = 1) or RGB (C = 3).
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import sharp from 'sharp';
import type { Dataset, ProgressFn, SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { datasetLimits, notRegular, overCap, readRegularFile } from './safe-read';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];
const CONCURRENCY = 8;

interface Listing {
  classes: string[];
  files: { path: string; label: number }[];
  /** Sum of the image files' sizes. */
  bytes: number;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function subdirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && isDir(join(dir, n)))
    .sort();
}

/** Classes and image files of one ImageFolder root. */
export function listImageFolder(root: string): Result<Listing> {
  if (!isDir(root))
    return err(
      `${root}: not a folder. An image folder holds one sub-folder of images per class (ROOT/cat/1.png, ROOT/dog/2.jpg).`,
    );
  const classes = subdirs(root);
  if (classes.length === 0)
    return err(
      `${root}: no class sub-folders. Put the images of each class in its own sub-folder (ROOT/cat/1.png, ROOT/dog/2.jpg).`,
    );
  const files: Listing['files'] = [];
  const cap = datasetLimits().datasetBytes;
  let bytes = 0;
  for (const [label, c] of classes.entries()) {
    const dir = join(root, c);
    const images = readdirSync(dir)
      .filter((n) => IMAGE_EXTENSIONS.includes(extname(n).toLowerCase()))
      .sort();
    if (images.length === 0)
      return err(`${dir}: class '${c}' has no images (PNG, JPEG or WebP). Add images or remove the folder.`);
    for (const n of images) {
      const path = join(dir, n);
      let info: Stats;
      try {
        info = statSync(path);
      } catch {
        return err(`${path}: cannot be read (a broken link?). Remove or replace the file.`);
      }
      // A pipe, socket or device named like an image would hang or never end: refused before anything is read.
      if (!info.isFile()) return err(notRegular(path, info));
      bytes += info.size;
      if (bytes > cap)
        return err(
          overCap(root, bytes, cap, 'NETLOOM_MAX_DATASET_MB', 'the image folder').replace(
            /is ([\d.]+ MiB)/,
            'holds more than $1 of images',
          ),
        );
      files.push({ path, label });
    }
  }
  return ok({ classes, files, bytes });
}

/** The per-sample shape: the one given, else the first image's size, grayscale if it has one channel. */
async function resolveShape(first: string, shape?: number[]): Promise<Result<number[]>> {
  if (shape) {
    if (shape.length !== 3 || ![1, 3].includes(shape[0]) || shape.slice(1).some((v) => !Number.isInteger(v) || v < 1)) {
      return err(
        `image folder: the network's input shape [${shape.join(', ')}] cannot take images; it needs [1, H, W] (grayscale) or [3, H, W] (RGB).`,
      );
    }
    return ok(shape);
  }
  const bytes = await readImage(first);
  if (!bytes.ok) return bytes;
  try {
    const m = await sharp(bytes.value).metadata();
    const gray = m.channels !== undefined && m.channels <= 2;
    return ok([gray ? 1 : 3, m.height ?? 0, m.width ?? 0]);
  } catch (e) {
    return err(`${first}: cannot be decoded as an image (${(e as Error).message}).`);
  }
}

/** One image file's bytes: a regular file (checked on the open handle), at most the dataset cap. */
function readImage(path: string): Promise<Result<Buffer>> {
  const cap = datasetLimits().datasetBytes;
  return readRegularFile(path, cap, (p, n) => overCap(p, n, cap, 'NETLOOM_MAX_DATASET_MB', 'the image'));
}

/** Decodes one image into `out` as bytes, [C, H, W] (app/data/samples.ts reads them as byte / 255). */
async function decode(path: string, shape: number[], out: Uint8Array): Promise<string | null> {
  const [c, h, w] = shape;
  const bytes = await readImage(path);
  if (!bytes.ok) return bytes.error;
  try {
    const img = sharp(bytes.value).resize(w, h, { fit: 'fill' }).removeAlpha().toColourspace('srgb');
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    const ch = info.channels;
    const plane = h * w;
    for (let p = 0; p < plane; p++) {
      const r = data[p * ch];
      const g = data[p * ch + Math.min(1, ch - 1)];
      const b = data[p * ch + Math.min(2, ch - 1)];
      if (c === 1) {
        // PIL's convert('L') exactly (ITU-R 601-2 luma in 16-bit fixed point), as torchvision's Grayscale
        out[p] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
      } else {
        out[p] = r;
        out[plane + p] = g;
        out[2 * plane + p] = b;
      }
    }
    return null;
  } catch (e) {
    return `${path}: cannot be decoded as an image (${(e as Error).message}). Remove or replace the file.`;
  }
}

async function loadListing(
  listing: Listing,
  shape: number[],
  onProgress?: ProgressFn,
  phase = 'decode images',
): Promise<Result<Dataset>> {
  const size = shape[0] * shape[1] * shape[2];
  const n = listing.files.length;
  const x = new Uint8Array(n * size);
  const y = Int32Array.from(listing.files, (f) => f.label);
  let next = 0;
  let done = 0;
  let failure: string | null = null;
  const worker = async () => {
    while (next < n && !failure) {
      const i = next++;
      const e = await decode(listing.files[i].path, shape, x.subarray(i * size, (i + 1) * size));
      if (e) failure = failure ?? e;
      done++;
      if (done % 100 === 0 || done === n) onProgress?.({ phase, done, total: n });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failure) return err(failure);
  return ok({ shape: shape.slice(), x, y, n, classes: listing.classes });
}

export async function loadImageFolder(
  path: string | undefined,
  shape?: number[],
  onProgress?: ProgressFn,
): Promise<Result<SourceSplits>> {
  if (!path)
    return err('folder: give the image folder, as --dataset folder:PATH (one sub-folder of images per class).');
  const root = resolve(path);
  const top = isDir(root) ? subdirs(root) : [];
  const testName = ['test', 'val'].find((t) => top.includes(t));
  const split = top.includes('train') && testName !== undefined;
  const trainList = listImageFolder(split ? join(root, 'train') : root);
  if (!trainList.ok) return trainList;
  const testList = split ? listImageFolder(join(root, testName as string)) : undefined;
  if (testList && !testList.ok) return testList;
  if (testList?.ok && testList.value.classes.join('\n') !== trainList.value.classes.join('\n')) {
    return err(
      `${root}: train/ and ${testName}/ have different class folders (${trainList.value.classes.join(', ')} vs ${testList.value.classes.join(', ')}).`,
    );
  }
  const s = await resolveShape(trainList.value.files[0].path, shape);
  if (!s.ok) return s;
  const train = await loadListing(trainList.value, s.value, onProgress, 'decode images (train)');
  if (!train.ok) return train;
  let test: Dataset | undefined;
  if (testList?.ok) {
    const t = await loadListing(testList.value, s.value, onProgress, `decode images (${testName})`);
    if (!t.ok) return t;
    test = t.value;
  }
  return ok({ name: `folder:${path}`, train: train.value, test });
}
