import { describe, expect, it } from 'vitest';
import { parseCsv, splitCsvLine } from './csv';

describe('CSV tables', () => {
  it('reads numeric features and integer labels from any column', () => {
    const r = parseCsv('a,label,b\n1,2,3.5\n-1,0,1e-3\n\n', 't.csv');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.shape).toEqual([2]);
    expect(Array.from(r.value.x)).toEqual([1, 3.5, -1, Math.fround(1e-3)]);
    expect(Array.from(r.value.y)).toEqual([2, 0]);
    expect(r.value.classes).toEqual(['0', '1', '2']);
  });
  it('maps text labels to sorted class names, honours quotes, CRLF and a named label column', () => {
    const r = parseCsv('\uFEFFsepal,"petal, len",species\r\n1,2,"virginica"\r\n3,4,setosa\r\n', 'iris.csv', {
      label: 'species',
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.classes).toEqual(['setosa', 'virginica']);
    expect(Array.from(r.value.y)).toEqual([1, 0]);
    expect(splitCsvLine('"say ""hi""",2')).toEqual(['say "hi"', '2']);
  });
  it('errors never quote the file: /etc/passwd read as a table does not echo its first line', () => {
    const e = (text: string) => (parseCsv(text, '/etc/passwd') as { error: string }).error;
    expect(e('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1\n')).not.toMatch(/root|bash|daemon/);
    expect(e('a,label\nsecret-value,0\n')).not.toMatch(/secret/);
  });

  it('errors name the file, the line and the column', () => {
    const e = (text: string, label?: string) => (parseCsv(text, 'd.csv', { label }) as { error: string }).error;
    expect(e('a,label\n1,0\n2,1,5\n')).toBe('d.csv, line 3: 3 fields, but the header has 2 columns (a ragged row).');
    expect(e('a,b,label\n1,2,0\n1,x,1\n')).toBe(
      'd.csv, line 3, column 2: not a number (feature columns must be numeric).',
    );
    expect(e('a,b,label\n1,,0\n')).toMatch(/line 2, column 2: empty/);
    expect(e('a,b,label\n1,x7,0\n')).toMatch(/line 2, column 2: not a number/);
    expect(e('a,b\n1,2\n')).toMatch(/no column named 'label'.*2 column.*--label/);
    expect(e('a,b\n1,2\n', 'b')).toBe(undefined);
    expect(e('')).toMatch(/empty/);
    expect(e('a,label\n')).toMatch(/no data rows/);
    expect(e('a,label\n"1,0\n')).toMatch(/line 2: unterminated quote/);
  });
});
