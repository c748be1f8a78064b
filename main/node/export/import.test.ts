/**
 * ONNX import: our own exports of the templates import back with the same output shapes and
 * parameter counts; torchvision's resnet18 exported by torch.onnx imports with its weights and
 * gives PyTorch's outputs in the app (tfjs cpu) within 1e-4; an unsupported operator is named
 * with its node; a file that is not ONNX is a one-line error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../app/graph/types';
import { importOnnx } from '../../../app/importers/onnx';
import { buildModuleTree, stateDictEntries } from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { buildTemplate } from '../../../app/templates';
import { GraphBuilder } from '../../../app/templates/builder';
import { decodeOnnx, encodeOnnx } from './onnx';
import { importModelFile } from './import';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function roundTrip(graph: Graph) {
  const a = analyzeGraph(graph);
  const entries = stateDictEntries(buildModuleTree(graph, a));
  const weights = new Map(
    entries.map((e) => [
      e.name,
      { shape: e.shape, values: new Float32Array(e.shape.reduce((x, y) => x * y, 1)).fill(0.5) },
    ]),
  );
  const onnx = graphToOnnx(graph, weights);
  if (!onnx.ok) throw new Error(onnx.error);
  const decoded = decodeOnnx(encodeOnnx(onnx.value));
  if (!decoded.ok) throw new Error(decoded.error);
  return { before: a, imported: importOnnx(decoded.value) };
}

describe('ONNX import', () => {
  it.each(['lenet5', 'mlp', 'resnet18', 'resnet50', 'googlenet', 'densenet121'])(
    '%s: export -> import keeps output shapes and parameter counts',
    (name) => {
      const g = buildTemplate(name);
      if (!g.ok) throw new Error(g.error);
      const { before, imported } = roundTrip(g.value);
      if (!imported.ok) throw new Error(imported.error);
      const after = analyzeGraph(imported.value.graph);
      expect(after.errors).toEqual([]);
      expect(after.totalParams).toBe(before.totalParams);
      const outs = (a: typeof before, gr: Graph) =>
        gr.nodes.filter((n) => !gr.edges.some((e) => e.source === n.id)).map((n) => a.nodes.get(n.id)?.shape);
      expect(outs(after, imported.value.graph)).toEqual(outs(before, g.value));
      // laid out top-down: every edge goes downwards
      const pos = new Map(imported.value.graph.nodes.map((n) => [n.id, n.position.y]));
      expect(imported.value.graph.edges.every((e) => (pos.get(e.source) ?? 0) < (pos.get(e.target) ?? 0))).toBe(true);
    },
  );

  it("torchvision's resnet18 from torch.onnx.export imports with its weights and gives PyTorch's outputs", async () => {
    const script = `
import torch, torchvision
torch.manual_seed(0)
m = torchvision.models.resnet18().eval()
for mod in m.modules():
    if isinstance(mod, torch.nn.BatchNorm2d):
        mod.running_mean.uniform_(-0.2, 0.2); mod.running_var.uniform_(0.5, 1.5); mod.weight.data.uniform_(0.5, 1.5); mod.bias.data.uniform_(-0.2, 0.2)
x = torch.randn(1, 3, 64, 64)
torch.onnx.export(m, x, "${dir}/rn18.onnx", opset_version=13, input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "N"}})
x.numpy().astype("<f4").tofile("${dir}/x.bin")
with torch.no_grad():
    m(x).numpy().astype("<f4").tofile("${dir}/y.bin")
`;
    execFileSync('/usr/bin/python3', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 240_000 });
    // torch.onnx exports the 224 input shape it was given: 64x64 here keeps the test fast.
    const r = await importModelFile(join(dir, 'rn18.onnx'));
    if (!r.ok) throw new Error(r.error);
    const tf = await cpuTf();
    const c = compileGraph(tf, r.value.graph, { seed: 0 });
    if (!c.ok) throw new Error(c.error);
    expect(setStateDict(tf, c.value, r.value.weights, defaultNamer).ok).toBe(true);
    const read = (f: string) => {
      const b = readFileSync(join(dir, f));
      return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    };
    const y = c.value.model.predict(tf.tensor(read('x.bin'), [1, 3, 64, 64])) as Tensor;
    const got = y.dataSync();
    const want = read('y.bin');
    expect(got.length).toBe(1000);
    let m = 0;
    for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
    expect(m).toBeLessThan(1e-4);
    c.value.model.dispose();
    // The module tree comes back from torch's operator names: torchvision's layout and state_dict names
    // (torch.onnx folds each BatchNorm into the Conv before it, so the convs carry a bias and there is no bn).
    const tree = buildModuleTree(r.value.graph, analyzeGraph(r.value.graph));
    const names = stateDictEntries(tree).map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(['conv1.weight', 'conv1.bias', 'layer1.0.conv1.weight', 'layer1.0.conv1.bias']);
    expect(names).toContain('layer2.0.downsample.0.weight');
    expect(names.slice(-2)).toEqual(['fc.weight', 'fc.bias']);
    expect(tree.root.children.map((k) => `${k.name}:${k.className}`)).toEqual([
      'conv1:Conv2d',
      'relu:ReLU',
      'maxpool:MaxPool2d',
      'layer1:Sequential',
      'layer2:Sequential',
      'layer3:Sequential',
      'layer4:Sequential',
      'avgpool:AdaptiveAvgPool2d',
      'fc:Linear',
    ]);
  }, 300_000);

  it('names an unsupported operator and its node; a non-ONNX file is a one-line error', async () => {
    // BatchNorm2d without running stats normalizes with the batch's statistics: ReduceMean, Sub, ...
    const b = new GraphBuilder('Net');
    b.layer('BatchNorm2d', { track_running_stats: false }, b.input([3, 4, 4]));
    const { imported } = roundTrip(b.build());
    expect(imported.ok ? '' : imported.error).toMatch(
      /unsupported operator ReduceMean at node \S+: Netloom imports Conv, MaxPool.*Gemm.*GELU/,
    );
    writeFileSync(join(dir, 'junk.onnx'), Buffer.from('this is not a protobuf at all, just text\n'));
    const junk = await importModelFile(join(dir, 'junk.onnx'));
    expect(junk.ok ? '' : junk.error).toMatch(/junk\.onnx: it is not an ONNX model/);
    expect(junk.ok ? '' : junk.error).not.toContain('\n');
    expect((await importModelFile(join(dir, 'none.onnx'))).ok).toBe(false);
  });
});
