/**
 * PyTorch 1.13's channel_shuffle has no derivative, so model.py computes ChannelShuffle (module or
 * functional) as torchvision does: the exported network trains in PyTorch and still prints
 * `ChannelShuffle(groups=2)`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateModelPy } from '../../../app/compiler/pytorch/model-py';
import { GraphBuilder } from '../../../app/templates/builder';

const root = mkdtempSync(join(tmpdir(), 'netloom-shuffle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CHECK = `
import sys, torch
sys.path.insert(0, sys.argv[1])
import model
m = model.MODEL_CLASS()
x = torch.randn(2, 4, 3, 3)
y = m(x)
loss = y.sum() if isinstance(y, torch.Tensor) else sum(t.sum() for t in y)
loss.backward()
grads = [p.grad is not None and bool(p.grad.abs().sum() > 0) for p in m.parameters()]
print(repr(m).replace('\\n', ' | '))
print(all(grads) and len(grads) > 0)
`;

describe('ChannelShuffle in model.py', () => {
  it('trains in PyTorch 1.13 as a module and as a function, and prints as nn.ChannelShuffle', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4, 3, 3]);
    const c = b.layer('Conv2d', { out_channels: 4, kernel_size: 1 }, x);
    const s = b.layer('ChannelShuffle', { groups: 2 }, c);
    const f = b.layer('ChannelShuffle', { groups: 2 }, s, { functional: true });
    b.layer('Conv2d', { out_channels: 2, kernel_size: 1 }, f);
    const py = generateModelPy(b.build());
    if (!py.ok) throw new Error(py.error);
    expect(py.value.code).toContain('channel_shuffle(');
    writeFileSync(join(root, 'model.py'), py.value.code);
    const out = execFileSync('/usr/bin/python3', ['-c', CHECK, root], { encoding: 'utf8' }).trim().split('\n');
    expect(out[0]).toContain('ChannelShuffle(groups=2)');
    expect(out[1]).toBe('True');
  });
});
