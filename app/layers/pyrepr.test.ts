import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyFloat, pyFloatOrTuple, pyIntOrTuple, pyStr } from './pyrepr';

describe('Python value text', () => {
  it('pyFloat matches known reprs', () => {
    const cases: [number, string][] = [
      [2, '2.0'],
      [0.1, '0.1'],
      [1e-5, '1e-05'],
      [1e-4, '0.0001'],
      [0.75, '0.75'],
      [1e16, '1e+16'],
      [123456789012345.6, '123456789012345.6'],
      [1.5e-7, '1.5e-07'],
      [-0.01, '-0.01'],
      [0, '0.0'],
      [1e100, '1e+100'],
      [Infinity, 'inf'],
      [NaN, 'nan'],
      [2 / 3, '0.6666666666666666'],
    ];
    for (const [x, s] of cases) expect(pyFloat(x), String(x)).toBe(s);
  });

  it('pyFloat equals Python repr(float) on random doubles', () => {
    const xs = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 300, seed: 3 });
    xs.push(...fc.sample(fc.double({ min: 1e-8, max: 1e18, noNaN: true }), { numRuns: 200, seed: 4 }));
    const finite = xs.filter((x) => !Object.is(x, -0)); // JSON cannot carry -0 to Python
    const py = execFileSync(
      '/usr/bin/python3',
      ['-c', 'import sys,json\nfor x in json.load(sys.stdin): print(repr(float(x)))'],
      {
        input: JSON.stringify(finite),
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n');
    finite.forEach((x, i) => expect(pyFloat(x), String(x)).toBe(py[i]));
  });

  it('tuples, None and strings', () => {
    expect(pyIntOrTuple(2)).toBe('2');
    expect(pyIntOrTuple([2, 3])).toBe('(2, 3)');
    expect(pyIntOrTuple([null, 7])).toBe('(None, 7)');
    expect(pyIntOrTuple(null)).toBe('None');
    expect(pyFloatOrTuple([2, 1.5])).toBe('(2.0, 1.5)');
    expect(pyStr('none')).toBe("'none'");
  });
});
