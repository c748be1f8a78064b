/**
 * The application icon from its SVG source (assets/icon.svg), rendered with sharp: PNGs at the
 * sizes electron-builder and the browser need, a Windows .ico and a macOS .icns. Both containers
 * hold PNG images, which every current Windows and macOS reads. Used at build time by vite.config.ts
 * (the favicon) and scripts/dist.mjs (the packages' icons).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ICON_SVG = fileURLToPath(new URL('../assets/icon.svg', import.meta.url));
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** .icns OSType per PNG size (ic07..ic10, and the @2x retina types). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

/** PNG buffers of the SVG at each size. */
export async function renderPngs(sizes = PNG_SIZES, svgPath = ICON_SVG) {
  const { default: sharp } = await import('sharp');
  const svg = await readFile(svgPath);
  const out = new Map();
  for (const size of sizes)
    out.set(
      size,
      await sharp(svg, { density: Math.max(72, ((72 * size) / 512) * 2) })
        .resize(size, size)
        .png()
        .toBuffer(),
    );
  return out;
}

/** A .ico file holding the given PNGs (ICONDIR, one ICONDIRENTRY per image, then the PNG data). */
export function icoFrom(pngs) {
  const entries = [...pngs].sort((a, b) => a[0] - b[0]);
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2);
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(([, png]) => png)]);
}

/** A .icns file holding the given PNGs ('icns' header, then one typed block per size). */
export function icnsFrom(pngs) {
  const blocks = [];
  for (const [type, size] of ICNS_TYPES) {
    const png = pngs.get(size);
    if (!png) continue;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    blocks.push(head, png);
  }
  const body = Buffer.concat(blocks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** The favicon set for the renderer build: favicon.ico (16-64 px) and favicon.svg. */
export async function faviconFiles() {
  const pngs = await renderPngs([16, 32, 48, 64]);
  return { 'favicon.ico': icoFrom(pngs), 'favicon.svg': await readFile(ICON_SVG) };
}

/** Writes icon.png (512), icons/<size>x<size>.png, icon.ico and icon.icns into `dir` (electron-builder's buildResources). */
export async function writeAppIcons(dir) {
  const pngs = await renderPngs();
  await mkdir(join(dir, 'icons'), { recursive: true });
  for (const [size, png] of pngs) await writeFile(join(dir, 'icons', `${size}x${size}.png`), png);
  await writeFile(join(dir, 'icon.png'), pngs.get(512));
  await writeFile(join(dir, 'icon.ico'), icoFrom(new Map(ICO_SIZES.map((s) => [s, pngs.get(s)]))));
  await writeFile(join(dir, 'icon.icns'), icnsFrom(pngs));
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? join(dirname(ICON_SVG), '..', 'build');
  await writeAppIcons(dir);
  console.log(`icons written to ${dir}`);
}
