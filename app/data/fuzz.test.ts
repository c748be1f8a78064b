/** Bad data never crashes: the byte and text parsers return a Result for any input (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAugment } from './augment-spec';
import { parseCifarBatches } from './cifar';
import { parseCifarPickle } from './cifar-pickle';
import { parseCsv } from './csv';
import { encodeIdx, idxToDataset, parseIdx } from './idx';
import { readTar } from './tar';

const isResult = (r: { ok: boolean }) => typeof r.ok === 'boolean';

describe('parsers never throw', () => {
  it('parseIdx and idxToDataset on random and mutated files', () => {
    const valid = encodeIdx(
      [3, 2, 2],
      Array.from({ length: 12 }, (_, i) => i),
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.tuple(fc.nat(31), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(40),
        (random, edits, cut) => {
          expect(isResult(parseIdx(random, 'r'))).toBe(true);
          const m = valid.slice(0, Math.max(0, valid.length - (cut % 8)));
          for (const [i, v] of edits) if (i < m.length) m[i] = v;
          const img = parseIdx(m, 'm', 3);
          const lab = parseIdx(encodeIdx([3], [0, 1, 9]), 'l', 1);
          if (img.ok && lab.ok) expect(isResult(idxToDataset(img.value, lab.value, ['a', 'b'], 'm', 'l'))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('parseCsv on arbitrary text', () => {
    const cell = fc.oneof(
      fc.constantFrom('1', '-2.5', '', 'x', '"a,b"', '"', '1e3', 'NaN', 'Infinity', ' 3 '),
      fc.string({ maxLength: 4 }),
    );
    const row = fc.array(cell, { maxLength: 5 }).map((c) => c.join(','));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (rows, nl) => {
        const text = ['a,b,label', ...rows].join(nl);
        const r = parseCsv(text, 't.csv');
        expect(isResult(r)).toBe(true);
        if (r.ok) expect(r.value.x.every((v) => Number.isFinite(v))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('CIFAR batches and pickles, tar archives and augmentation recipes on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 7000 }), fc.string({ maxLength: 30 }), (bytes, text) => {
        expect(isResult(parseCifarBatches([{ file: 'b', bytes }]))).toBe(true);
        expect(isResult(readTar(bytes, 't'))).toBe(true);
        expect(isResult(parseCifarPickle(bytes, 'p'))).toBe(true);
        expect(isResult(parseCifarPickle(Uint8Array.from([0x80, 0x02, ...bytes.subarray(0, 64)]), 'p2'))).toBe(true);
        expect(isResult(parseAugment(text))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
