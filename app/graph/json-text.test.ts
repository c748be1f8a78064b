import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstErrorOffset, lineColumn, parseJsonText } from './json-text';

const parses = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

describe('parseJsonText', () => {
  it('gives the line and column of the first problem', () => {
    expect(parseJsonText('{\n  "a": 1,\n  "b": tru\n}')).toEqual({
      ok: false,
      error: 'invalid JSON at line 3 column 11 (unexpected "\\n"): fix the file in a text editor',
    });
    expect(parseJsonText('{"a": [1, 2,]}')).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid JSON at line 1 column 13 \(unexpected "]"\)/),
    });
    expect(parseJsonText('{"a": "x\ty"}')).toEqual({ ok: false, error: expect.stringMatching(/line 1 column 9/) });
    expect(parseJsonText('{"a": 1} x')).toEqual({
      ok: false,
      error: expect.stringMatching(/line 1 column 10 \(unexpected "x"\)/),
    });
    expect(parseJsonText('{"a": "\\q"}')).toEqual({ ok: false, error: expect.stringMatching(/line 1 column 9/) });
    expect(parseJsonText('[1, 2')).toEqual({
      ok: false,
      error: expect.stringMatching(/^truncated JSON at line 1 column 6/),
    });
    expect(parseJsonText('{"a": "unterminated')).toEqual({
      ok: false,
      error: expect.stringMatching(/^truncated JSON/),
    });
  });
  it('accepts a byte order mark and refuses an empty file', () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText(' \n ')).toEqual({ ok: false, error: 'empty file: not a Netloom project' });
  });
  it('lineColumn counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
  it('the scanner agrees with JSON.parse on valid and damaged JSON (fast-check)', () => {
    const damaged = fc
      .tuple(
        fc.jsonValue(),
        fc.nat(),
        fc.nat({ max: 3 }),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '[', '{', '\n', '-', '0', 'e', '.'),
      )
      .map(([v, at, del, ins]) => {
        const s = JSON.stringify(v, null, at % 3);
        const i = at % (s.length + 1);
        return s.slice(0, i) + ins + s.slice(i + del);
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string({ maxLength: 30 })), (s) => {
        expect(firstErrorOffset(s) === -1).toBe(parses(s));
      }),
      { numRuns: 2000 },
    );
  });
});
