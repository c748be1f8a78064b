/**
 * The application icon (assets/icon.svg) as scripts/icons.mjs renders it with sharp for the builds:
 * PNGs at every size electron-builder wants, a .ico and a .icns whose directories point at those PNGs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { faviconFiles, writeAppIcons } from '../../scripts/icons.mjs';

const dir = mkdtempSync(join(tmpdir(), 'netloom-icons-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the application icon', () => {
  it('renders the PNG sizes, a .ico and a .icns from the SVG source', async () => {
    await writeAppIcons(dir);
    for (const size of [16, 32, 256, 512, 1024]) {
      const meta = await sharp(readFileSync(join(dir, 'icons', `${size}x${size}.png`))).metadata();
      expect([meta.width, meta.height, meta.format]).toEqual([size, size, 'png']);
    }
    const ico = readFileSync(join(dir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    expect(count).toBe(7);
    for (let i = 0; i < count; i++) {
      const size = ico.readUInt32LE(6 + 16 * i + 8),
        offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(offset + 1, offset + 4).toString('ascii')).toBe('PNG');
      expect(offset + size).toBeLessThanOrEqual(ico.length);
    }
    const icns = readFileSync(join(dir, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.subarray(8, 12).toString('ascii')).toBe('icp4');
  });

  it('gives the renderer build a favicon.ico and favicon.svg', async () => {
    const f = await faviconFiles();
    expect(f['favicon.ico'].readUInt16LE(2)).toBe(1);
    expect(f['favicon.svg'].toString('utf8')).toMatch(/^<svg/);
  });
});
