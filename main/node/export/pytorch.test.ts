/**
 * The PyTorch export, checked by PyTorch itself (Debian's /usr/bin/python3, torch 1.13): for every
 * layer kind, the merges, LeNet-5, a ResNet block, an Inception block and a network with hostile
 * names, the exported model.py + model.safetensors gives the app's outputs (tfjs cpu, same
 * weights) within 1e-4, prints the app's print(model) text and has the app's state_dict keys and
 * shapes; every template's model.py prints and names its state as the app does, and torchvision's
 * twin loads its state_dict with strict=True (and ours loads torchvision's).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModelPy } from '../../../app/compiler/pytorch/model-py';
import { torchNamer } from '../../../app/compiler/tfjs/names';
import { getStateDict, setStateDict } from '../../../app/compiler/tfjs/statedict';
import { layerCases, mergeCases, networkCases } from '../../../app/compiler/tfjs/testing/torch-cases';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { makeRng } from '../../../app/data/rng';
import type { Graph } from '../../../app/graph/types';
import { TEMPLATES } from '../../../app/templates';
import { hostileGraph } from './testing/hostile';
import { writePytorch } from './pytorch';
import { exportModel } from './weights';

const TWINS: Record<string, string> = {
  alexnet: 'alexnet',
  googlenet: 'googlenet',
  resnet18: 'resnet18',
  resnet34: 'resnet34',
  resnet50: 'resnet50',
  densenet121: 'densenet121',
  mobilenet_v2: 'mobilenet_v2',
  efficientnet_b0: 'efficientnet_b0',
  vgg11: 'vgg11',
  vgg13: 'vgg13',
  vgg16: 'vgg16',
  vgg19: 'vgg19',
  vgg11_bn: 'vgg11_bn',
  vgg13_bn: 'vgg13_bn',
  vgg16_bn: 'vgg16_bn',
  vgg19_bn: 'vgg19_bn',
};

interface PyCase {
  id: string;
  dir: string;
  repr: string;
  state: [string, number[]][];
  inputs: { shape: number[]; values: number[] }[] | null;
  outputs: number[][] | null;
  twin: string | null;
  weights: boolean;
}
interface PyResult {
  error?: string;
  repr_equal?: boolean;
  repr?: string;
  state_equal?: boolean;
  state_diff?: unknown[];
  max_err?: number;
  twin?: boolean;
  int64_counters?: boolean;
}

const root = mkdtempSync(join(tmpdir(), 'netloom-pt-'));
const small: [string, Graph][] = [
  ...[...layerCases(), ...mergeCases(), ...networkCases()]
    .filter((c) => !c.train)
    .map((c) => [c.id, c.graph] as [string, Graph]),
  ['hostile names', hostileGraph()],
];
const prepError = new Map<string, string>();
let results: Record<string, PyResult> = {};

async function prepareWithWeights(id: string, graph: Graph, index: number): Promise<PyCase> {
  const m = await exportModel(graph, { seed: index + 1 });
  if (!m.ok) throw new Error(m.error);
  const { tf, compiled } = m.value;
  const namer = torchNamer(graph);
  const rng = makeRng(500 + index);
  // Normalization parameters and running stats away from their defaults, so eval mode is tested.
  const changed = m.value.state
    .map((e) =>
      /(running_var|running_mean|bn\d*\.|norm\d*\.)/.test(e.name) ||
      graph.nodes.some((n) => /^(Batch|Layer|Group|Instance)Norm/.test(n.type) && namer(n.id, 'weight') === e.name)
        ? { ...e, values: e.values.map(() => (e.name.endsWith('running_var') ? 0.5 + rng.next() : rng.next() - 0.5)) }
        : e,
    )
    .map((e) => (e.name.endsWith('num_batches_tracked') ? { ...e, values: Float32Array.of(7) } : e));
  const set = setStateDict(tf, compiled, changed, namer);
  if (!set.ok) throw new Error(set.error);
  const state = getStateDict(tf, compiled, namer);
  const inputs = compiled.inputShapes.map((s) => {
    const n = 3 * s.reduce((a, b) => a * b, 1);
    return { shape: [3, ...s], values: Array.from({ length: n }, () => rng.next() * 4 - 2) };
  });
  const xs = inputs.map((x) => tf.tensor(x.values, x.shape));
  const y = compiled.model.apply(xs, { training: false }) as Tensor | Tensor[];
  const outputs = (Array.isArray(y) ? y : [y]).map((t) => Array.from(t.dataSync()));
  tf.dispose([...xs, ...(Array.isArray(y) ? y : [y])]);
  compiled.model.dispose();
  const dir = join(root, `case${index}`);
  const w = writePytorch(graph, state, dir);
  if (!w.ok) throw new Error(w.error);
  const gen = generateModelPy(graph);
  if (!gen.ok) throw new Error(gen.error);
  return {
    id,
    dir,
    repr: gen.value.repr,
    state: gen.value.stateDict.map((e) => [e.name, e.shape]),
    inputs,
    outputs,
    twin: null,
    weights: true,
  };
}

function prepareTemplate(name: string, index: number): PyCase {
  const t = TEMPLATES.find((x) => x.name === name);
  const gen = generateModelPy((t as (typeof TEMPLATES)[number]).build());
  if (!gen.ok) throw new Error(gen.error);
  const dir = join(root, `template${index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.py'), gen.value.code);
  return {
    id: `template ${name}`,
    dir,
    repr: gen.value.repr,
    state: gen.value.stateDict.map((e) => [e.name, e.shape]),
    inputs: null,
    outputs: null,
    twin: TWINS[name] ?? null,
    weights: false,
  };
}

beforeAll(async () => {
  const cases: PyCase[] = [];
  for (let i = 0; i < small.length; i++) {
    try {
      cases.push(await prepareWithWeights(small[i][0], small[i][1], i));
    } catch (e) {
      prepError.set(small[i][0], e instanceof Error ? e.message : String(e));
    }
  }
  TEMPLATES.forEach((t, i) => {
    try {
      cases.push(prepareTemplate(t.name, i));
    } catch (e) {
      prepError.set(`template ${t.name}`, e instanceof Error ? e.message : String(e));
    }
  });
  writeFileSync(join(root, 'cases.json'), JSON.stringify(cases));
  const script = fileURLToPath(new URL('./check_pytorch.py', import.meta.url));
  try {
    execFileSync('/usr/bin/python3', [script, join(root, 'cases.json'), join(root, 'out.json')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 240_000,
    });
  } catch (e) {
    throw new Error(
      `PyTorch check failed (install Debian's python3-torch and python3-torchvision): ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`,
    );
  }
  results = JSON.parse(readFileSync(join(root, 'out.json'), 'utf8'));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PyTorch export = the app (torch 1.13 loads model.py + model.safetensors)', () => {
  it.each(small.map(([id]) => [id]))('%s', (id) => {
    expect(prepError.get(id)).toBeUndefined();
    const r = results[id];
    expect(r?.error).toBeUndefined();
    expect(r.repr_equal, r.repr).toBe(true);
    expect(r.state_equal, JSON.stringify(r.state_diff)).toBe(true);
    expect(r.int64_counters).toBe(true);
    expect(r.max_err).toBeLessThan(1e-4);
  });
});

describe('templates: print(model), state_dict and the torchvision twin', () => {
  it.each(TEMPLATES.map((t) => [t.name]))('%s', (name) => {
    const id = `template ${name}`;
    expect(prepError.get(id)).toBeUndefined();
    const r = results[id];
    expect(r?.error).toBeUndefined();
    expect(r.repr_equal, r.repr).toBe(true);
    expect(r.state_equal, JSON.stringify(r.state_diff)).toBe(true);
    if (TWINS[name]) expect(r.twin).toBe(true);
  });
});
