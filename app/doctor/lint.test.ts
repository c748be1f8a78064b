import { describe, expect, it } from 'vitest';
import { buildTemplate, TEMPLATE_NAMES } from '../templates';
import { lintGraph, setSilenced } from './lint';
import { RULES } from './rules';
import { healthy } from './test-util';

describe('lintGraph', () => {
  it('finds nothing on a healthy LeNet-like network with usual settings', () => {
    expect(lintGraph(healthy()).findings).toEqual([]);
  });

  it('every rule has a unique id, a severity and a title', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(r.title.length).toBeGreaterThan(5);
  });

  it('a silenced rule is skipped, reported as silenced on request, and the field round-trips', () => {
    const g = healthy({ lr: 5 });
    expect(lintGraph(g).findings.map((f) => f.rule)).toEqual(['lr-range']);
    const quiet = setSilenced(g, 'lr-range', true);
    expect(quiet.doctor).toEqual({ silenced: ['lr-range'] });
    expect(lintGraph(quiet).findings).toEqual([]);
    expect(lintGraph(quiet, { includeSilenced: true }).findings[0]).toMatchObject({ rule: 'lr-range', silenced: true });
    expect(setSilenced(quiet, 'lr-range', false).doctor).toBeUndefined();
  });

  it.each(TEMPLATE_NAMES)('template %s: no errors, and every finding names its nodes that exist', (name) => {
    const r = buildTemplate(name);
    if (!r.ok) throw new Error(r.error);
    const { findings } = lintGraph(r.value);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const ids = new Set(r.value.nodes.map((n) => n.id));
    for (const f of findings) for (const id of f.nodeIds) expect(ids.has(id)).toBe(true);
  });
});
