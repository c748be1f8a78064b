import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npyHeader, writeNpy, writeNpyRows } from './npy';

describe('.npy files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netloom-npy-'));
  const values = Float32Array.from({ length: 7 * 6 }, (_, i) => i * 0.5 - 3);

  it('rows written a block at a time make the same file as the whole array', () => {
    const whole = join(dir, 'whole.npy');
    const rows = join(dir, 'rows.npy');
    writeNpy(whole, values, [7, 2, 3]);
    const asked: number[][] = [];
    // blocks of 2 rows (12 values): 2 + 2 + 2 + 1
    writeNpyRows(
      rows,
      [7, 2, 3],
      'float32',
      (start, n) => (asked.push([start, n]), values.slice(start * 6, (start + n) * 6)),
      12,
    );
    expect(asked).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
      [6, 1],
    ]);
    expect(readFileSync(rows)).toEqual(readFileSync(whole));
    const header = npyHeader('<f4', [7, 2, 3]);
    const file = readFileSync(rows);
    expect(file.subarray(0, header.length)).toEqual(Buffer.from(header));
    expect(new Float32Array(file.buffer.slice(file.byteOffset + header.length, file.byteOffset + file.length))).toEqual(
      values,
    );
    // NumPy reads it back
    const sum = execFileSync(
      '/usr/bin/python3',
      ['-c', `import numpy as np; a = np.load('${rows}'); print(a.shape, float(a.sum()))`],
      {
        encoding: 'utf8',
      },
    );
    expect(sum.trim()).toBe(`(7, 2, 3) ${values.reduce((a, b) => a + b, 0)}`);
  });

  it('a block of the wrong size or type is refused, naming the file', () => {
    const path = join(dir, 'bad.npy');
    expect(() => writeNpyRows(path, [3, 2], 'float32', (_s, n) => new Float32Array(n * 2 + 1))).toThrow(/bad\.npy/);
    expect(() => writeNpyRows(path, [3, 2], 'float32', (_s, n) => new Int32Array(n * 2))).toThrow(/float32/);
  });
});
