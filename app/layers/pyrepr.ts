/**
 * Python's text for values, as PyTorch's `repr`/`extra_repr` prints them. Exported for the
 * PyTorch code exporter too: write floats with `pyFloat` and pairs as tuples with `pyValue`
 * so that the exported module prints exactly what Netloom shows.
 */

/** Python's `repr(float(x))`: `2.0`, `0.1`, `1e-05`, `0.0001`, `1e+16`, `inf`, `nan`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // Shortest round-trip digits, as both JS and Python's repr use.
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : `${Math.abs(exp)}`;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

export const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** Python's repr of a str: single quotes. */
export const pyStr = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A tuple: `(2, 2)`, `(5,)`. */
export function pyTuple(items: string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** An int, or a pair as a tuple: `2`, `(2, 3)`; null is `None`. */
export function pyIntOrTuple(v: number | readonly (number | null)[] | null | undefined): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return String(v);
  return pyTuple(v.map((x) => (x === null ? 'None' : String(x))));
}

/** A float or a tuple of floats (`2.0`, `(2.0, 3.0)`); null is `None`. */
export function pyFloatOrTuple(v: number | readonly number[] | null | undefined): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return pyFloat(v);
  return pyTuple(v.map(pyFloat));
}

/** `[16, 5, 5]`: how shapes appear in messages (per sample, PyTorch order). */
export const fmtShape = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** A Python number as the person gave it: an int prints as `20`, a float as `2.5` or `1e-05`. */
export const pyNumber = (x: number): string => (Number.isInteger(x) ? String(x) : pyFloat(x));
