/**
 * The trace reader on torchvision 0.14's own model code (Debian's python3-torchvision):
 * `--module torchvision.models.<file> --class <factory>` gives torchvision's print(model),
 * state_dict names and shapes and parameter count (computed by testing/torch_ref.py). GoogLeNet's
 * auxiliary classifiers are never called in eval mode, so it is read without them (and says so
 * when built with them).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModuleTree, countParameters, reprModel, stateDictEntries } from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { importPython } from '.';

const MODELS = [
  { id: 'resnet18', module: 'torchvision.models.resnet', class: 'resnet18' },
  { id: 'vgg11', module: 'torchvision.models.vgg', class: 'vgg11' },
  { id: 'alexnet', module: 'torchvision.models.alexnet', class: 'alexnet' },
  { id: 'densenet121', module: 'torchvision.models.densenet', class: 'densenet121' },
  {
    id: 'googlenet',
    module: 'torchvision.models.googlenet',
    class: 'googlenet',
    args: { aux_logits: false, init_weights: false },
  },
  { id: 'mobilenet_v2', module: 'torchvision.models.mobilenetv2', class: 'mobilenet_v2' },
];

const dir = mkdtempSync(join(tmpdir(), 'netloom-torchvision-'));
let ref: Record<string, { repr: string; state: [string, number[]][]; params: number }>;

beforeAll(() => {
  process.env.NETLOOM_PYTHON = '/usr/bin/python3';
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(MODELS));
  execFileSync(
    '/usr/bin/python3',
    [
      fileURLToPath(new URL('./testing/torch_ref.py', import.meta.url)),
      join(dir, 'cases.json'),
      join(dir, 'ref.json'),
      dir,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 },
  );
  ref = JSON.parse(readFileSync(join(dir, 'ref.json'), 'utf8'));
}, 300_000);
afterAll(() => {
  delete process.env.NETLOOM_PYTHON;
  rmSync(dir, { recursive: true, force: true });
});

describe('torchvision models through the trace reader', () => {
  it.each(MODELS)(
    '$id: print(model), state_dict and parameter count equal torchvision',
    async (m) => {
      const r = await importPython({
        module: m.module,
        className: m.class,
        args: m.args ? JSON.stringify(m.args) : undefined,
        inputShape: [3, 224, 224],
      });
      if (!r.ok) throw new Error(r.error);
      const a = analyzeGraph(r.value.graph);
      expect(a.errors).toEqual([]);
      const tree = buildModuleTree(r.value.graph, a);
      expect(countParameters(tree.root).total).toBe(ref[m.id].params);
      expect(stateDictEntries(tree).map((e) => [e.name, e.shape])).toEqual(ref[m.id].state);
      expect(reprModel(tree)).toBe(ref[m.id].repr);
    },
    120_000,
  );

  it('googlenet with its auxiliary classifiers: one line naming aux1 and the --args that leaves them out', async () => {
    const r = await importPython({
      module: 'torchvision.models.googlenet',
      className: 'googlenet',
      inputShape: [3, 224, 224],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatch(
        /^torchvision\.models\.googlenet: aux1 \(InceptionAux\) is registered but forward never calls it .*"aux_logits": false/,
      );
  }, 120_000);
});
