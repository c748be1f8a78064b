import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { applyFix, connect, disconnect, removeNodes } from './ops';
import { must } from './ops-test-util';
import { parseProject, parseProjectText, serializeProject } from './schema';
import { nestedBlocks, smallLeNet } from './test-graphs';

describe('file problems versus network problems', () => {
  it('the test documents are valid networks', () => {
    for (const g of [smallLeNet(), nestedBlocks()]) expect(analyzeGraph(g).errors).toEqual([]);
    expect(analyzeGraph(smallLeNet()).totalParams).toBe(61_706);
  });
  it('edge cycles, bad parameter values, huge numbers and a missing Flatten still open, and the analysis reports them', () => {
    const g = smallLeNet();
    g.edges.push({ id: 'back', source: 'fc3', target: 'conv1', targetPort: 1 });
    g.nodes[4].params = { out_channels: 1e300, kernel_size: -5 };
    g.nodes[8].params = { out_features: Number.NaN };
    const r = parseProjectText(serializeProject(g), 'broken.netloom.json');
    expect(r.ok).toBe(true);
    const a = analyzeGraph(r.ok ? r.value : g);
    expect(a.errors.length).toBeGreaterThan(0);
  });
  it("the analysis' one-click Flatten fix, applied with applyFix, clears the error", () => {
    const noFlat = removeNodes(smallLeNet(), ['flatten']);
    const wired = must(connect(noFlat, 'pool2', 'fc1')).graph;
    const err = analyzeGraph(wired).errors.find((e) => e.nodeId === 'fc1');
    expect(err?.message).toMatch(/insert Flatten/);
    expect(err?.fix?.kind).toBe('insertBefore');
    const fixed = must(applyFix(wired, err!.fix!));
    expect(analyzeGraph(fixed).errors).toEqual([]);
    expect(parseProject(fixed).ok).toBe(true);
    expect(analyzeGraph(disconnect(fixed, 'e1')).errors.length).toBeGreaterThan(0);
  });
});
