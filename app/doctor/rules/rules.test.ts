/** Each rule: a positive case, a negative case, and its first fix applied to the graph clears it. */
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/types';
import { analyzeGraph } from '../../shapes/analyze';
import { applyDoctorFix } from '../fix';
import { lintGraph } from '../lint';
import { chain, healthy, type Layer } from '../test-util';
import { RULES } from '.';

const MLP: Layer[] = [
  ['Flatten'],
  ['Linear', { out_features: 64 }, { id: 'fc1', name: 'fc1' }],
  ['ReLU'],
  ['Linear', { out_features: 10 }, { id: 'fc2', name: 'fc2' }],
];
const mlp = (tail: Layer[] = [], training: Record<string, unknown> = {}, dataset?: Record<string, unknown>) =>
  chain([1, 28, 28], [...MLP, ...tail], training, dataset);
const conv = (layers: Layer[], training: Record<string, unknown> = {}) =>
  chain([3, 32, 32], [...layers, ['Flatten'], ['Linear', { out_features: 10 }]], training);

/** Unused branch: a second head off fc1. */
function twoHeads(): Graph {
  const g = mlp();
  return {
    ...g,
    nodes: [...g.nodes, { id: 'aux', type: 'Linear', params: { out_features: 3 }, position: { x: 200, y: 200 } }],
    edges: [...g.edges, { id: 'eaux', source: 'fc1', target: 'aux' }],
  };
}

/** Add(x, Identity(x)) after the first ReLU. */
function identityAdd(through: boolean): Graph {
  const g = mlp();
  const side = through ? 'idn' : 'fc1';
  return {
    ...g,
    nodes: [
      ...g.nodes,
      { id: 'idn', type: through ? 'Identity' : 'ReLU', params: {}, position: { x: 100, y: 0 } },
      { id: 'add', type: 'Add', params: {}, position: { x: 0, y: 500 } },
    ],
    edges: [
      ...g.edges.filter((e) => e.id !== 'e4'),
      { id: 'ei', source: 'n3', target: 'idn' },
      { id: 'ea', source: 'n3', target: 'add', targetPort: 0 },
      { id: 'eb', source: through ? 'idn' : side, target: 'add', targetPort: 1 },
      { id: 'e4', source: 'add', target: 'fc2' },
    ],
  };
}

function wrapped(children: number): Graph {
  const g = mlp();
  const inside = children === 1 ? ['fc1'] : ['fc1', 'n3'];
  return {
    ...g,
    modules: [{ id: 'm', name: 'block', kind: 'Sequential' }],
    nodes: g.nodes.map((n) => (inside.includes(n.id) ? { ...n, parent: 'm' } : n)),
  };
}

const c3: Layer = ['Conv2d', { out_channels: 8, kernel_size: 3, padding: 1 }];
const p2: Layer = ['MaxPool2d', { kernel_size: 2 }];
/** Receptive field of the last conv: 3, 4, 8, 10, 18 pixels of 32. */
const deep = () => conv([c3, p2, c3, p2, c3]);

const CASES: Record<string, { positive: Graph; negative: Graph; fixed?: boolean }> = {
  'softmax-before-cross-entropy': {
    positive: mlp([['LogSoftmax', { dim: 1 }]]),
    negative: mlp([['LogSoftmax', { dim: 1 }]], { loss: 'MSELoss' }),
    fixed: true,
  },
  'sigmoid-before-bce-with-logits': {
    positive: mlp([['Sigmoid']], { loss: 'BCEWithLogitsLoss' }),
    negative: mlp([['Sigmoid']], { loss: 'MSELoss' }),
    fixed: true,
  },
  'relu-on-logits': {
    positive: mlp([['ReLU']]),
    negative: mlp([['ReLU'], ['Linear', { out_features: 10 }]]),
    fixed: true,
  },
  'bias-before-batchnorm': {
    positive: conv([['Conv2d', { out_channels: 8, kernel_size: 3 }], ['BatchNorm2d'], ['ReLU']]),
    negative: conv([['Conv2d', { out_channels: 8, kernel_size: 3, bias: false }], ['BatchNorm2d'], ['ReLU']]),
    fixed: true,
  },
  'dropout-before-batchnorm': {
    positive: conv([
      ['Conv2d', { out_channels: 8, kernel_size: 3, bias: false }],
      ['Dropout2d'],
      ['BatchNorm2d'],
      ['ReLU'],
    ]),
    negative: conv([
      ['Conv2d', { out_channels: 8, kernel_size: 3, bias: false }],
      ['BatchNorm2d'],
      ['ReLU'],
      ['Dropout2d'],
    ]),
    fixed: true,
  },
  'double-activation': {
    positive:
      mlp().nodes &&
      chain(
        [1, 28, 28],
        [['Flatten'], ['Linear', { out_features: 64 }], ['ReLU'], ['Tanh'], ['Linear', { out_features: 10 }]],
      ),
    negative: mlp(),
    fixed: true,
  },
  'linear-linear': {
    positive: chain(
      [1, 28, 28],
      [['Flatten'], ['Linear', { out_features: 64 }], ['Dropout'], ['Linear', { out_features: 10 }]],
    ),
    negative: mlp(),
    fixed: true,
  },
  'batchnorm-batch-size-1': {
    positive: chain(
      [20],
      [['Linear', { out_features: 16 }], ['BatchNorm1d'], ['ReLU'], ['Linear', { out_features: 10 }]],
      { batch_size: 1 },
    ),
    negative: chain(
      [20],
      [['Linear', { out_features: 16 }], ['BatchNorm1d'], ['ReLU'], ['Linear', { out_features: 10 }]],
      { batch_size: 2 },
    ),
    fixed: true,
  },
  'unused-branch': { positive: twoHeads(), negative: mlp(), fixed: true },
  'identity-merge': { positive: identityAdd(true), negative: identityAdd(false) },
  'single-child-container': { positive: wrapped(1), negative: wrapped(2), fixed: true },
  'params-per-sample': { positive: mlp([], {}, { name: 'synthetic', limit: 1000 }), negative: mlp(), fixed: false },
  'receptive-field': {
    positive: chain(
      [1, 64, 64],
      [['Conv2d', { out_channels: 4, kernel_size: 3 }], ['Flatten'], ['Linear', { out_features: 10 }]],
    ),
    negative: deep(),
  },
  'early-collapse': {
    positive: chain(
      [3, 8, 8],
      [
        ['Conv2d', { out_channels: 8, kernel_size: 3, padding: 1 }],
        ['MaxPool2d', { kernel_size: 8 }],
        ['Conv2d', { out_channels: 8, kernel_size: 1 }],
        ['MaxPool2d', { kernel_size: 1 }],
        ['Flatten'],
        ['Linear', { out_features: 10 }],
      ],
    ),
    negative: chain(
      [3, 8, 8],
      [
        ['Conv2d', { out_channels: 8, kernel_size: 3, padding: 1 }],
        ['MaxPool2d', { kernel_size: 8 }],
        ['Flatten'],
        ['Linear', { out_features: 10 }],
      ],
    ),
  },
  'activation-memory': {
    positive: conv([['Conv2d', { out_channels: 512, kernel_size: 3, padding: 1 }], ['ReLU']], { batch_size: 4096 }),
    negative: conv([['Conv2d', { out_channels: 512, kernel_size: 3, padding: 1 }], ['ReLU']], { batch_size: 64 }),
    fixed: true,
  },
  'lr-range': {
    positive: healthy({ lr: 1.0 }),
    negative: healthy({ optimizer: 'adam', lr: 0.001, momentum: 0 }),
    fixed: true,
  },
  'momentum-with-adam': {
    positive: healthy({ optimizer: 'adam', lr: 0.001, momentum: 0.9 }),
    negative: healthy(),
    fixed: true,
  },
  'decay-and-l2': {
    positive: healthy({ optimizer: 'adam', lr: 0.001, momentum: 0, weight_decay: 1e-4 }),
    negative: healthy({ optimizer: 'adamw', lr: 0.001, momentum: 0, weight_decay: 1e-4 }),
    fixed: true,
  },
  'early-stopping-without-validation': {
    positive: healthy({ val_split: 0, early_stopping: { enabled: true } }),
    negative: healthy({ val_split: 0.1, early_stopping: { enabled: true } }),
    fixed: true,
  },
  'input-vs-dataset': {
    positive: chain(
      [3, 32, 32],
      [['Conv2d', { out_channels: 8, kernel_size: 3 }], ['ReLU'], ...MLP],
      {},
      { name: 'mnist' },
    ),
    negative: chain(
      [1, 28, 28],
      [['Conv2d', { out_channels: 8, kernel_size: 3 }], ['ReLU'], ...MLP],
      {},
      { name: 'mnist' },
    ),
    fixed: true,
  },
  'classifier-vs-classes': {
    positive: chain([1, 28, 28], [['Flatten'], ['Linear', { out_features: 1000 }]], {}, { name: 'fashion-mnist' }),
    negative: chain([1, 28, 28], [['Flatten'], ['Linear', { out_features: 10 }]], {}, { name: 'fashion-mnist' }),
    fixed: true,
  },
  'kfold-test-from-folds': {
    positive: { ...healthy({ kfold: 5 }), dataset: { name: 'csv', path: 'x.csv', testSplit: 0 } },
    negative: { ...healthy({ kfold: 5 }), dataset: { name: 'csv', path: 'x.csv', testSplit: 0.1 } },
    fixed: true,
  },
};

const fired = (g: Graph, id: string) => lintGraph(g, { rules: RULES.filter((r) => r.id === id) }).findings;

describe('lint rules', () => {
  it('every rule has a case', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id) => {
    const c = CASES[id];
    it('positive: fires, with a sentence and nodes that exist', () => {
      expect(analyzeGraph(c.positive).errors).toEqual([]);
      const f = fired(c.positive, id);
      expect(f.length).toBeGreaterThan(0);
      expect(f[0].message).toMatch(/[:;,] .+[.)]$/);
      for (const n of f[0].nodeIds) expect(c.positive.nodes.some((x) => x.id === n)).toBe(true);
    });
    it('negative: quiet', () => {
      expect(analyzeGraph(c.negative).errors).toEqual([]);
      expect(fired(c.negative, id)).toEqual([]);
    });
    if (c.fixed !== undefined) {
      it('its fix applies and leaves a valid graph' + (c.fixed ? ' without the finding' : ''), () => {
        const fix = fired(c.positive, id)[0].fixes[0];
        const r = applyDoctorFix(c.positive, fix);
        if (!r.ok) throw new Error(r.error);
        expect(analyzeGraph(r.value).errors).toEqual([]);
        if (c.fixed) expect(fired(r.value, id)).toEqual([]);
      });
    }
  });
});
