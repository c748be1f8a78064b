/** The project file's optional `doctor.silenced` field: older files read as nothing silenced, and the field round-trips. */
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from '../graph/schema';
import { smallLeNet } from '../graph/test-graphs';
import { lintGraph, setSilenced } from './lint';

describe('doctor.silenced in the project file', () => {
  it('a file without it loads with nothing silenced', () => {
    const r = parseProject(JSON.parse(serializeProject(smallLeNet())));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.doctor).toBeUndefined();
    expect(lintGraph(r.value).silenced).toEqual([]);
  });

  it('silenced rules survive a save and a load', () => {
    const g = setSilenced(setSilenced(smallLeNet(), 'lr-range', true), 'bias-before-batchnorm', true);
    const text = serializeProject(g);
    expect(JSON.parse(text).doctor).toEqual({ silenced: ['bias-before-batchnorm', 'lr-range'] });
    const r = parseProject(JSON.parse(text));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.doctor).toEqual({ silenced: ['bias-before-batchnorm', 'lr-range'] });
  });

  it('a malformed field is refused with its path named', () => {
    const doc = { ...JSON.parse(serializeProject(smallLeNet())), doctor: { silenced: 'lr-range' } };
    const r = parseProject(doc, 'p.netloom.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/doctor\.silenced/);
  });
});
