import { describe, expect, it } from 'vitest';
import { readTar } from './tar';

/** A ustar archive of regular files (and a GNU long-name entry when a name is over 100 bytes). */
function tar(files: { name: string; data: Uint8Array; type?: string }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const f of files) {
    const h = new Uint8Array(512);
    h.set(enc.encode(f.name.slice(0, 99)), 0);
    h.set(enc.encode(`${f.data.length.toString(8).padStart(11, '0')}\0`), 124);
    h[156] = (f.type ?? '0').charCodeAt(0);
    h.set(enc.encode('ustar\0'), 257);
    blocks.push(h, f.data, new Uint8Array((512 - (f.data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

describe('readTar', () => {
  it('returns regular files with their data, skips folders, honours GNU long names', () => {
    const long = `${'d/'.repeat(60)}file.bin`;
    const bytes = tar([
      { name: 'cifar-10-batches-bin/', data: new Uint8Array(0), type: '5' },
      { name: 'cifar-10-batches-bin/a.bin', data: Uint8Array.from([1, 2, 3]) },
      { name: '././@LongLink', data: new TextEncoder().encode(`${long}\0`), type: 'L' },
      { name: 'truncated-name', data: new Uint8Array(600).fill(7) },
    ]);
    const r = readTar(bytes, 'x.tar');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((e) => e.name)).toEqual(['cifar-10-batches-bin/a.bin', long]);
    expect(Array.from(r.value[0].data)).toEqual([1, 2, 3]);
    expect(r.value[1].data.length).toBe(600);
  });
  it('a truncated archive is an error naming the file and the entry', () => {
    const bytes = tar([{ name: 'big.bin', data: new Uint8Array(2000) }]);
    const r = readTar(bytes.subarray(0, 1024), 'cifar.tar');
    expect(!r.ok && r.error).toMatch(/cifar\.tar: truncated tar archive \(entry 'big\.bin' needs 2000 bytes/);
  });
});

describe('readTar on a damaged header', () => {
  it('a negative size is an error, not a loop', () => {
    const h = new Uint8Array(2048);
    h.set(new TextEncoder().encode('f'), 0);
    h.set(new TextEncoder().encode('-7777777777\0'), 124);
    h[156] = 48;
    expect((readTar(h, 'bad.tar') as { error: string }).error).toMatch(/bad\.tar: damaged tar header at byte 0/);
  });
});
