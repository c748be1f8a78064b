import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('targets AppImage and deb, dmg and NSIS', () => {
    expect(yml).toMatch(/linux:\n\s+target: \[AppImage, deb\]/);
    expect(yml).toMatch(/mac:\n\s+target: \[dmg\]/);
    expect(yml).toMatch(/win:\n\s+target: \[nsis\]/);
  });

  it('unpacks tfjs native modules from the asar', () => {
    const unpack = yml.split('asarUnpack:')[1]!.split(/\n\S/)[0]!;
    for (const m of ['@tensorflow/tfjs-node/', '@tensorflow/tfjs-node-gpu/', 'onnxruntime-node/', '**/*.node'])
      expect(unpack).toContain(m);
  });

  it('packs the built main process that package.json names', () => {
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(yml).toContain('dist/electron/**');
    expect(yml).toContain('dist/renderer/**');
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
  });
});
