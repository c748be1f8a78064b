/**
 * The static reader on its own (nothing runs): constructor arguments bound by torch's positional
 * order (checked against torch's signatures under Debian's /usr/bin/python3), forward's calls in
 * torch.fx's terms, and code outside the subset reported with its line, column and reason.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../layers/registry';
import { buildGraph } from '../build';
import { TORCH_POSITIONAL } from './construct';
import { readStatic } from '.';

const HEAD = 'import torch\nfrom torch import nn\nimport torch.nn.functional as F\n\n';

describe('TORCH_POSITIONAL', () => {
  it("is torch.nn's constructor order for every layer kind Netloom has", () => {
    const kinds = LAYERS.filter((s) => s.isModule).map((s) => s.type);
    expect(Object.keys(TORCH_POSITIONAL).sort()).toEqual([...kinds].sort());
    const py = `import inspect, json, torch.nn as nn
print(json.dumps({k: [p for p in list(inspect.signature(getattr(nn, k).__init__).parameters)[1:] if p not in ('device', 'dtype', 'args', 'kwargs')] for k in ${JSON.stringify(kinds)}}))`;
    const torch = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' })) as Record<
      string,
      string[]
    >;
    for (const k of kinds) expect(TORCH_POSITIONAL[k], k).toEqual(torch[k]);
  });
});

describe('readStatic', () => {
  it('binds positional and keyword arguments, follows helpers, if and for over constants', () => {
    const code = `${HEAD}class Net(nn.Module):
    def __init__(self, width=8, deep=True):
        super(Net, self).__init__()
        self.conv = nn.Conv2d(3, width, 3, 1, 1, bias=False)
        blocks = []
        for i in range(2 if deep else 1):
            blocks.append(nn.ReLU(True))
        self.blocks = nn.Sequential(*blocks)

    def forward(self, x):
        x = self.blocks(self.conv(x))
        return x.mean([2, 3])
`;
    const r = readStatic(code, 'net.py', { args: { width: 4 } });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.modules.map((m) => [m.path, m.className, m.args])).toEqual([
      ['', 'Net', {}],
      ['conv', 'Conv2d', { in_channels: 3, out_channels: 4, kernel_size: 3, stride: 1, padding: 1, bias: false }],
      ['blocks', 'Sequential', {}],
      ['blocks.0', 'ReLU', { inplace: true }],
      ['blocks.1', 'ReLU', { inplace: true }],
    ]);
    expect(r.value.nodes.map((n) => [n.op, n.target])).toEqual([
      ['placeholder', 'x'],
      ['call_module', 'conv'],
      ['call_module', 'blocks.0'],
      ['call_module', 'blocks.1'],
      ['call_method', 'mean'],
      ['output', 'output'],
    ]);
    const g = buildGraph(r.value, [3, 8, 8]);
    if (!g.ok) throw new Error(g.error);
    expect(g.value.graph.nodes.map((n) => [n.type, n.functional ?? false])).toEqual([
      ['Input', false],
      ['Conv2d', false],
      ['ReLU', false],
      ['ReLU', false],
      ['AdaptiveAvgPool2d', true],
      ['Flatten', true],
    ]);
  });

  it('reads the normalization and rearrangement layers, x.permute and F.pixel_shuffle', () => {
    const code = `${HEAD}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.gn = nn.GroupNorm(2, 8)
        self.shuffle = nn.ChannelShuffle(2)
        self.inorm = nn.InstanceNorm2d(8, affine=True)
        self.ps = nn.PixelShuffle(2)
        self.ln = nn.LayerNorm(2, eps=1e-6)
        self.split = nn.Unflatten(1, (2, 8))

    def forward(self, x):
        x = self.ps(self.inorm(self.shuffle(self.gn(x))))
        x = self.ln(x.permute(0, 2, 3, 1)).permute((0, 3, 1, 2))
        return self.split(F.pixel_shuffle(torch.cat([x, x, x, x], 1), 2).flatten(2))
`;
    const r = readStatic(code, 'net.py', { args: {} });
    if (!r.ok) throw new Error(r.error);
    const g = buildGraph(r.value, [8, 4, 4]);
    if (!g.ok) throw new Error(g.error);
    expect(g.value.graph.nodes.map((n) => n.type)).toEqual([
      'Input',
      'GroupNorm',
      'ChannelShuffle',
      'InstanceNorm2d',
      'PixelShuffle',
      'Permute',
      'LayerNorm',
      'Permute',
      'Concat',
      'PixelShuffle',
      'Flatten',
      'Unflatten',
    ]);
    const ln = g.value.graph.nodes.find((n) => n.type === 'LayerNorm');
    expect(ln?.params).toEqual({ normalized_shape: 2, eps: 1e-6 });
  });

  it.each([
    [
      'a while loop',
      '        while True:\n            pass',
      '        return x',
      'net.py:8:9: a while statement is not followed',
    ],
    [
      'a layer argument that is not a constant',
      '        self.fc = nn.Linear(4, len)',
      '        return self.fc(x)',
      'net.py:8:19: the argument out_features of nn.Linear must be a constant',
    ],
    [
      'a module built in forward',
      '        pass',
      '        return nn.ReLU()(x)',
      'net.py:11:16: forward creates nn.ReLU;',
    ],
    [
      'a condition on a tensor',
      '        self.fc = nn.Linear(4, 2)',
      '        if x.sum() > 0:\n            x = -x\n        return self.fc(x)',
      'net.py:11:12: `>` on tensors is not followed',
    ],
    [
      'an unknown name',
      '        self.fc = nn.Linear(4, width)',
      '        return self.fc(x)',
      'net.py:8:32: width is not defined here',
    ],
    [
      'a self attribute never set',
      '        pass',
      '        return self.head(x)',
      'net.py:11:16: self.head is not set in __init__',
    ],
  ])('reports %s with its line and column', (_, init, forward, message) => {
    const code = `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n${init}\n\n    def forward(self, x):\n${forward}\n`;
    const r = readStatic(code, 'net.py');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(message), r.error).toBe(true);
  });

  it('passes over weight initialization (for m in self.modules(), nn.init.*)', () => {
    const code = `${HEAD}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self._init()

    def _init(self):
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.kaiming_normal_(m.weight)
        nn.init.zeros_(self.fc.bias)

    def forward(self, x, mask=None):
        return self.fc(x)
`;
    const r = readStatic(code, 'net.py');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.modules.map((m) => m.path)).toEqual(['', 'fc']);
    expect(r.value.nodes.map((n) => n.op)).toEqual(['placeholder', 'call_module', 'output']);
  });

  it('names the candidates when several classes could be the model', () => {
    const code = `${HEAD}class A(nn.Module):\n    pass\n\nclass B(nn.Module):\n    pass\n`;
    const r = readStatic(code, 'two.py');
    expect(r.ok ? '' : r.error).toBe(
      'two.py: choose the class to build with --class NAME (nn.Module classes not used by another: A, B)',
    );
  });
});
