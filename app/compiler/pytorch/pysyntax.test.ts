import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../templates/builder';
import { generateModelPy } from './model-py';
import { childNameProblem, isPyIdentifier, pyClassName, pyStrLiteral } from './pysyntax';

const TRICKY = [
  "__import__('os')",
  "'''",
  '"""',
  'a\\',
  '\\x41',
  'line\nbreak\r\t',
  '\u0000\u007f\u0085',
  'üñí€😀',
  "x'); import os #",
  '\u2028',
];

describe('Python literals', () => {
  it('every string round-trips through Python as data', () => {
    const script = `import sys, json\nvals = [${TRICKY.map(pyStrLiteral).join(', ')}]\nsys.stdout.write(json.dumps(vals))`;
    const out = execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(TRICKY);
  });

  it('identifiers are plain ASCII names that are not keywords', () => {
    expect(isPyIdentifier('conv1')).toBe(true);
    expect(isPyIdentifier('class')).toBe(false);
    expect(isPyIdentifier('0')).toBe(false);
    expect(isPyIdentifier("__import__('os')")).toBe(false);
    expect(isPyIdentifier('üñí')).toBe(false);
    const used = new Set<string>();
    expect(pyClassName("Evil'); import os #", used)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(pyClassName('torch', used)).toBe('Mtorch');
    expect(pyClassName('self', used)).toBe('Mself');
    expect(pyClassName('__x', used)).toBe('M__x');
  });

  it('names PyTorch refuses are export errors naming the module', () => {
    expect(childNameProblem('forward')).toMatch(/attribute/);
    expect(childNameProblem('a.b')).toMatch(/"\."/);
    for (const bad of ['forward', 'a.b', '__dict__']) {
      const b = new GraphBuilder('Net');
      b.layer('Linear', { out_features: 2 }, b.input([3]), { name: bad });
      const r = generateModelPy(b.build());
      expect(r.ok ? '' : r.error).toContain(`'${bad}'`);
    }
  });
});
