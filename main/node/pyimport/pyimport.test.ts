/**
 * PyTorch code onto the canvas and back, through both readers: the course's Net/MyModule example,
 * LeNet-5, a VGG-style net, a ResNet BasicBlock net and a DenseNet-style block with torch.cat
 * (assets/pytorch/*.py), and the CIFAR-10 tutorials' idioms (a module-level cfg dict, a class attribute, an empty
 * nn.Sequential() shortcut), and the mobile networks' functional idioms (F.relu6, F.silu, F.hardswish,
 * F.hardsigmoid, F.mish, F.softplus, a * b, x.mean(dims, keepdim), nn.PReLU). print(model), state_dict names and shapes and parameter counts equal
 * PyTorch's (computed by testing/torch_ref.py under Debian's /usr/bin/python3); the imported
 * weights (--weights, a safetensors state dict) exported back to model.py give PyTorch's outputs
 * (checked by export/check_pytorch.py).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModuleTree, children, countParameters, modules, reprModel, stateDictEntries } from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { exportProject } from '../export';
import { writeImported } from '../export/import';
import { importPython } from '.';

interface Ref {
  repr: string;
  state: [string, number[]][];
  params: number;
  modules: number;
  children: number;
  x: number[];
  y: number[];
}

const ASSETS = fileURLToPath(new URL('../../../assets/pytorch/', import.meta.url));
const CASES = [
  { id: 'seed', file: 'seed_net.py', class: 'Net', input: [4] },
  { id: 'lenet5', file: 'lenet5.py', class: 'LeNet5', input: [1, 28, 28] },
  { id: 'vgg', file: 'vgg_style.py', class: 'VGGStyle', input: [3, 32, 32] },
  { id: 'resnet', file: 'resnet_block.py', class: 'SmallResNet', input: [3, 32, 32] },
  { id: 'dense', file: 'dense_block.py', class: 'SmallDenseNet', input: [3, 32, 32] },
  { id: 'tutorial', file: 'tutorial_style.py', class: 'TutorialNet', input: [3, 32, 32] },
  { id: 'mobile', file: 'mobile_block.py', class: 'MobileNet', input: [3, 16, 16] },
];
const READERS = ['static', 'trace'] as const;

const dir = mkdtempSync(join(tmpdir(), 'netloom-pyimport-'));
let ref: Record<string, Ref>;
const exported: {
  id: string;
  dir: string;
  repr: string;
  state: [string, number[]][];
  inputs: { shape: number[]; values: number[] }[];
  outputs: number[][];
  twin: null;
  weights: true;
}[] = [];

beforeAll(() => {
  process.env.NETLOOM_PYTHON = '/usr/bin/python3';
  const cases = join(dir, 'cases.json');
  writeFileSync(cases, JSON.stringify(CASES.map((c) => ({ ...c, file: join(ASSETS, c.file) }))));
  try {
    execFileSync(
      '/usr/bin/python3',
      [fileURLToPath(new URL('./testing/torch_ref.py', import.meta.url)), cases, join(dir, 'ref.json'), dir],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 },
    );
  } catch (e) {
    throw new Error(`PyTorch reference failed (install Debian's python3-torch): ${String(e)}`);
  }
  ref = JSON.parse(readFileSync(join(dir, 'ref.json'), 'utf8')) as Record<string, Ref>;
}, 300_000);
afterAll(() => {
  delete process.env.NETLOOM_PYTHON;
  rmSync(dir, { recursive: true, force: true });
});

describe.each(READERS)('the %s reader', (reader) => {
  it.each(CASES)(
    '$id: print(model), state_dict and parameters equal PyTorch; the weights import',
    async (c) => {
      // The default class (the only one no other uses) and, for the seed, the default input shape ([in_features]).
      const r = await importPython({
        file: join(ASSETS, c.file),
        static: reader === 'static',
        weights: join(dir, `${c.id}.safetensors`),
        ...(c.id === 'seed' ? {} : { inputShape: c.input }),
      });
      if (!r.ok) throw new Error(r.error);
      expect(r.value.reader).toBe(reader);
      const graph = r.value.graph;
      const a = analyzeGraph(graph);
      expect(a.errors).toEqual([]);
      const tree = buildModuleTree(graph, a);
      const want = ref[c.id];
      expect(reprModel(tree)).toBe(want.repr);
      expect(stateDictEntries(tree).map((e) => [e.name, e.shape])).toEqual(want.state);
      expect(countParameters(tree.root).total).toBe(want.params);
      expect(modules(tree).length).toBe(want.modules);
      expect(children(tree.root).length).toBe(want.children);
      if (c.id === 'seed') expect([modules(tree).length, children(tree.root).length]).toEqual([6, 1]);
      // Functional calls are marked so (F.relu, torch.flatten, view, torch.cat are not modules).
      if (c.id === 'lenet5')
        expect(
          graph.nodes
            .filter((n) => n.functional)
            .map((n) => n.type)
            .sort(),
        ).toEqual(['Flatten', 'ReLU', 'ReLU', 'ReLU', 'ReLU']);
      if (c.id === 'mobile')
        expect(
          graph.nodes
            .filter((n) => n.functional)
            .map((n) => n.type)
            .sort(),
        ).toEqual(['Hardsigmoid', 'Hardswish', 'Mish', 'ReLU6', 'SiLU', 'Softplus']);
      // a * b and x.mean(dims, keepdim) are the Mul and Mean kinds (no module in PyTorch either).
      if (c.id === 'mobile')
        expect(graph.nodes.filter((n) => n.type === 'Mul' || n.type === 'Mean').map((n) => [n.type, n.params])).toEqual(
          [
            ['Mean', { dim: [2, 3], keepdim: true }],
            ['Mul', {}],
            ['Mean', { dim: [2, 3], keepdim: false }],
          ],
        );

      const project = join(dir, `${c.id}-${reader}.netloom.json`);
      const w = await writeImported(r.value, project, `${c.id}.safetensors`);
      if (!w.ok || !w.value.runDir) throw new Error(w.ok ? 'no run written' : w.error);
      const out = join(dir, `${c.id}-${reader}-export`);
      const e = await exportProject({ graph, format: 'pytorch', outDir: out, runDir: w.value.runDir });
      if (!e.ok) throw new Error(e.error);
      exported.push({
        id: `${c.id}-${reader}`,
        dir: out,
        repr: want.repr,
        state: want.state,
        inputs: [{ shape: [2, ...c.input], values: want.x }],
        outputs: [want.y],
        twin: null,
        weights: true,
      });
    },
    120_000,
  );
});

describe('exported back to model.py', () => {
  it('PyTorch loads it with the imported weights and gives the same outputs', () => {
    expect(exported.length).toBe(CASES.length * READERS.length);
    const cases = join(dir, 'check.json');
    writeFileSync(cases, JSON.stringify(exported));
    execFileSync(
      '/usr/bin/python3',
      [fileURLToPath(new URL('../export/check_pytorch.py', import.meta.url)), cases, join(dir, 'checked.json')],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 },
    );
    const got = JSON.parse(readFileSync(join(dir, 'checked.json'), 'utf8')) as Record<
      string,
      { error?: string; repr_equal: boolean; state_equal: boolean; max_err: number }
    >;
    for (const c of exported) {
      const g = got[c.id];
      expect(g.error, c.id).toBeUndefined();
      expect(g.repr_equal, c.id).toBe(true);
      expect(g.state_equal, c.id).toBe(true);
      expect(g.max_err, c.id).toBeLessThan(1e-4);
    }
  }, 300_000);
});
