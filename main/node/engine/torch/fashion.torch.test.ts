/**
 * The accuracy check (slow: two full runs): Fashion-MNIST, LeNet-5, 2 epochs, batch 64,
 * SGD lr 0.01 momentum 0.9 on both engines: test accuracies within 1 point, loss curves overlapping.
 * Skips with a printed reason where /usr/share/datasets/fashion-mnist is absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatasetSettings } from '../../../../app/data/settings';
import { lenetRequest, runToEnd } from './testing';

const DATA = '/usr/share/datasets/fashion-mnist';
const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-fashion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
if (!existsSync(DATA)) console.warn(`skipping the Fashion-MNIST comparison: ${DATA} is missing`);

describe.skipIf(!existsSync(DATA))(
  'PyTorch engine vs the built-in engine on Fashion-MNIST',
  { timeout: 1_800_000 },
  () => {
    it('LeNet-5, 2 epochs: test accuracies within 1 point, train losses within 0.02', async () => {
      const dataset = parseDatasetSettings({ name: 'fashion-mnist', dataDir: DATA });
      if (!dataset.ok) throw new Error(dataset.error);
      const training = { epochs: 2, batch_size: 64, lr: 0.01, momentum: 0.9, val_split: 0.1, seed: 0 };
      const t = await runToEnd(
        lenetRequest(training, { dataset: dataset.value, engine: 'torch', out: join(dir, 'torch') }),
      );
      const b = await runToEnd(
        lenetRequest(training, { dataset: dataset.value, workers: 'auto', out: join(dir, 'builtin') }),
      );
      if (t.end.event !== 'done' || b.end.event !== 'done') throw new Error(JSON.stringify([t.end, b.end]));
      expect(t.end.status).toBe('completed');
      expect(b.end.status).toBe('completed');
      expect(Math.abs((t.end.test_acc ?? 0) - (b.end.test_acc ?? 1))).toBeLessThan(0.01);
      t.epochs.forEach((e, i) => expect(Math.abs(e.train_loss - b.epochs[i].train_loss)).toBeLessThan(0.02));
    });
  },
);
