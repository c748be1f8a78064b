import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCifarBatch } from '../../../app/data/cifar';
import { CIFAR_TEST, CIFAR_TRAIN } from './cifar';
import { loadSource } from './index';
import { allSamples } from '../../../app/data/samples';

function writeCifar(dir: string, perBatch: number): void {
  mkdirSync(dir, { recursive: true });
  for (const [b, f] of [...CIFAR_TRAIN, CIFAR_TEST].entries()) {
    const y = Array.from({ length: perBatch }, (_, i) => (b + i) % 10);
    const x = Array.from({ length: perBatch * 3072 }, (_, i) => ((i + b) % 256) / 255);
    writeFileSync(join(dir, f), encodeCifarBatch(x, y));
  }
}

describe('CIFAR-10 loading', () => {
  const root = mkdtempSync(join(tmpdir(), 'netloom-cifar-'));
  it('reads the five train batches and the test batch from DIR/cifar-10-batches-bin', async () => {
    writeCifar(join(root, 'cifar-10-batches-bin'), 4);
    const progress: number[] = [];
    const r = await loadSource({ name: 'cifar10', dataDir: root }, { onProgress: (p) => progress.push(p.done) });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.train.n).toBe(20);
    expect(r.value.test?.n).toBe(4);
    expect(Array.from(r.value.train.y.subarray(0, 6))).toEqual([0, 1, 2, 3, 1, 2]);
    expect(Array.from(r.value.test!.y)).toEqual([5, 6, 7, 8]);
    expect(progress.at(-1)).toBe(6);
  });
  it('a truncated batch and a missing folder are clear errors', async () => {
    const d = join(root, 'bad');
    writeCifar(d, 2);
    writeFileSync(join(d, 'data_batch_3.bin'), new Uint8Array(5000));
    expect(((await loadSource({ name: 'cifar10', dataDir: d })) as { error: string }).error).toMatch(
      /bad.data_batch_3\.bin: 5000 bytes/,
    );
    const m = await loadSource({ name: 'cifar10', dataDir: join(root, 'none') });
    expect(!m.ok && m.error).toMatch(/cifar10: dataset files not found[\s\S]*none[\s\S]*--data-dir/);
  });
});

describe('CIFAR-10 python version (torchvision layout)', () => {
  it('reads DIR/cifar-10-batches-py written by numpy + pickle', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netloom-cifarpy-'));
    const script = `
import pickle, sys, os, numpy as np
d = os.path.join(sys.argv[1], 'cifar-10-batches-py'); os.makedirs(d)
for b, name in enumerate(['data_batch_%d' % i for i in range(1, 6)] + ['test_batch']):
    data = (np.arange(2 * 3072) % 256 + b).astype(np.uint8).reshape(2, 3072)
    with open(os.path.join(d, name), 'wb') as f:
        pickle.dump({'batch_label': name, 'labels': [b, 9 - b], 'data': data, 'filenames': ['a.png', 'b.png']}, f, protocol=2)
`;
    execFileSync('/usr/bin/python3', ['-c', script, root]);
    const r = await loadSource({ name: 'cifar10', dataDir: root });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.train.n).toBe(10);
    expect(r.value.test?.n).toBe(2);
    expect(Array.from(r.value.train.y.subarray(0, 4))).toEqual([0, 9, 1, 8]);
    expect(Array.from(r.value.test!.y)).toEqual([5, 4]);
    expect(r.value.train.x).toBeInstanceOf(Uint8Array);
    expect(allSamples(r.value.train)[2 * 3072 + 7]).toBeCloseTo((7 + 1) / 255, 6);
    expect(allSamples(r.value.test!)[3072 + 1]).toBeCloseTo((((3072 + 1) % 256) + 5) / 255, 6);
  });
});
