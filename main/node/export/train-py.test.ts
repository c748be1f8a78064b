/**
 * The exported train.py trains LeNet-5 on Fashion-MNIST (Debian's gz IDX files) for one short
 * epoch under `torchrun --nproc_per_node=2` (DistributedDataParallel, gloo on the CPU), and the
 * state_dict it saves loads back into model.py's class with strict=True.
 *
 * `--redirects 2 --tee 2`: Debian's torch 1.13 torchrun under Python 3.12 cannot parse its own
 * default `--redirects 0` (IntFlag no longer iterates the zero member); any non-zero value works.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTemplate } from '../../../app/templates';
import { writePytorch } from './pytorch';
import { exportModel } from './weights';

const DATA = '/usr/share/datasets/fashion-mnist';
const dir = mkdtempSync(join(tmpdir(), 'netloom-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train.py', () => {
  it('trains one short epoch under torchrun --nproc_per_node=2 (gloo) and saves a loadable state_dict', async () => {
    expect(
      existsSync(join(DATA, 'train-images-idx3-ubyte.gz')),
      `Fashion-MNIST missing: apt-get install dataset-fashion-mnist (${DATA})`,
    ).toBe(true);
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    const m = await exportModel(g.value, { seed: 2 });
    if (!m.ok) throw new Error(m.error);
    m.value.compiled.model.dispose();
    const w = writePytorch(g.value, m.value.state, dir);
    expect(w.ok).toBe(true);
    let out: string;
    try {
      out = execFileSync(
        '/usr/bin/torchrun',
        [
          '--standalone',
          '--nproc_per_node=2',
          '--redirects',
          '2',
          '--tee',
          '2',
          'train.py',
          '--data-dir',
          DATA,
          '--epochs',
          '1',
          '--subset',
          '400',
          '--init',
          'model.safetensors',
          '--out',
          'trained.pt',
        ],
        { cwd: dir, encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (e) {
      throw new Error(
        `torchrun failed (Debian's python3-torch provides /usr/bin/torchrun): ${(e as { stderr?: string }).stderr ?? String(e)}`,
      );
    }
    expect(out).toMatch(/2 process\(es\)/);
    expect(out).toMatch(/epoch 1\/1: train_loss \d+\.\d+ train_acc/);
    expect(out).toMatch(/test: loss \d+\.\d+ acc/);
    const check = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import torch, model; m = model.MODEL_CLASS(); m.load_state_dict(torch.load("trained.pt"), strict=True); print(len(m.state_dict()))',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(check.trim()).toBe('10');
  }, 300_000);
});
