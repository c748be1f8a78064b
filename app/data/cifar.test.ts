import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD, encodeCifarBatch, parseCifarBatches } from './cifar';
import { allSamples } from './samples';

function record(label: number, r: number, g: number, b: number): number[] {
  return [
    label,
    ...new Array<number>(1024).fill(r),
    ...new Array<number>(1024).fill(g),
    ...new Array<number>(1024).fill(b),
  ];
}

describe('CIFAR-10 binary batches', () => {
  it('decodes label and the R, G, B planes into [3, 32, 32]', () => {
    const bytes = Uint8Array.from([...record(3, 255, 0, 51), ...record(9, 0, 102, 255)]);
    const r = parseCifarBatches([
      { file: 'a.bin', bytes },
      { file: 'b.bin', bytes: Uint8Array.from(record(1, 0, 0, 0)) },
    ]);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.n).toBe(3);
    expect(r.value.shape).toEqual([3, 32, 32]);
    expect(Array.from(r.value.y)).toEqual([3, 9, 1]);
    // Stored as bytes, a quarter of float32's memory; read as byte / 255 (ToTensor).
    expect(r.value.x).toBeInstanceOf(Uint8Array);
    const values = allSamples(r.value);
    const at = (s: number, c: number) => values[s * 3072 + c * 1024 + 500];
    expect([at(0, 0), at(0, 1), at(0, 2)]).toEqual([1, 0, Math.fround(0.2)]);
    expect([at(1, 0), at(1, 1), at(1, 2)]).toEqual([0, Math.fround(0.4), 1]);
    expect(r.value.classes[3]).toBe('cat');
  });
  it('round-trips through encodeCifarBatch', () => {
    const bytes = Uint8Array.from([...record(3, 7, 8, 9), ...record(0, 1, 2, 3)]);
    const r = parseCifarBatches([{ file: 'a', bytes }]);
    if (!r.ok) throw new Error(r.error);
    expect(encodeCifarBatch(allSamples(r.value), r.value.y)).toEqual(bytes);
  });
  it('rejects truncated files and out-of-range labels naming the file', () => {
    const bytes = Uint8Array.from(record(3, 1, 1, 1));
    const t = parseCifarBatches([{ file: 'data_batch_2.bin', bytes: bytes.subarray(0, CIFAR_RECORD - 100) }]);
    expect(!t.ok && t.error).toMatch(/data_batch_2\.bin: 2973 bytes is not a whole number of CIFAR-10 records/);
    const l = parseCifarBatches([{ file: 'x.bin', bytes: Uint8Array.from(record(42, 1, 1, 1)) }]);
    expect(!l.ok && l.error).toMatch(/x\.bin: record 0 has label 42.*CIFAR-100/);
  });
});
