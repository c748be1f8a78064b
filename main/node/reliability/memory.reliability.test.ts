/**
 * Out-of-memory anticipated: the batch estimate, the refusal with a batch size that fits, and the
 * size limits that refuse a mistyped huge layer before tfjs allocates anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { parseDatasetSettings } from '../../../app/data/settings';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { GraphBuilder } from '../../../app/templates/builder';
import {
  checkSizeLimits,
  checkTrainingMemory,
  estimateTrainingMemory,
  LIMITS,
  optimizerSlots,
  RUNTIME_BYTES,
} from '../../../app/training/memory';
import { checkExportMemory, estimateExportMemory } from '../../../app/training/memory-export';
import { parseTrainingSettings, type TrainingSettings } from '../../../app/training/settings';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { startTraining } from '../engine/start';
import { memoryBudget } from './memory-budget';

const tf = { ...tfc, ...tfl } as unknown as Tf;
const root = mkdtempSync(join(tmpdir(), 'netloom-mem-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => delete process.env.NETLOOM_MEMORY_BUDGET_MB);

function tiny(features = 10) {
  const b = new GraphBuilder('Tiny');
  b.chain(b.input([1, 28, 28]), [
    ['AvgPool2d', { kernel_size: 4 }],
    ['Flatten', {}],
    ['Linear', { out_features: features }],
  ]);
  return b.build();
}
function settings(over: Record<string, unknown>): TrainingSettings {
  const s = parseTrainingSettings(over);
  if (!s.ok) throw new Error(s.error);
  return s.value;
}

describe('training memory estimate', () => {
  it('counts weights, gradients, optimizer state, the larger of a step and a checkpoint, and the runtime', () => {
    const a = analyzeGraph(tiny());
    expect(a.totalParams).toBe(49 * 10 + 10);
    const e = estimateTrainingMemory(a, settings({ optimizer: 'adam', batch_size: 50 }));
    expect(e.parameters).toBe(500 * 4);
    expect(e.gradients).toBe(500 * 4);
    expect(e.optimizer).toBe(2 * 500 * 4);
    expect(e.update).toBe(500 * 4);
    expect(e.activations).toBe(2 * a.activationElements * 50 * 4 * 1.5);
    expect(e.checkpoint).toBe(2 * (500 * 4 + 2 * 500 * 4));
    expect(e.bytes).toBe(
      e.parameters + e.gradients + e.optimizer + Math.max(e.update + e.activations, e.checkpoint) + RUNTIME_BYTES,
    );
    expect(optimizerSlots(settings({ optimizer: 'sgd' }))).toBe(0);
    expect(optimizerSlots(settings({ optimizer: 'sgd', momentum: 0.9 }))).toBe(1);
    expect(optimizerSlots(settings({ optimizer: 'adam', amsgrad: true }))).toBe(3);
    expect(optimizerSlots(settings({ optimizer: 'rmsprop', centered: true, momentum: 0.9 }))).toBe(3);
  });

  it('a 267-million-parameter Linear (under the 2^28 limit) is estimated above what it really used, and refused with 4 GiB available', () => {
    const b = new GraphBuilder('Big');
    b.chain(b.input([1, 28, 28]), [
      ['Flatten', {}],
      ['Linear', { out_features: 340_000 }],
    ]);
    const a = analyzeGraph(b.build());
    expect(checkSizeLimits(a)).toBeNull();
    const s = settings({ optimizer: 'sgd', batch_size: 32 });
    // Measured (docs/SECURITY.md): netloom train peaked at 4.37 GB, netloom export at 4.28 (tfjs), 4.30 (onnx), 4.27 GB (pytorch).
    expect(estimateTrainingMemory(a, s).bytes).toBeGreaterThan(4.37e9);
    expect(estimateExportMemory(a.totalParams)).toBeGreaterThan(4.3e9);
    const budget = memoryBudget('cpu', {}, () => 4 * 2 ** 30);
    expect(budget).toBe(0.8 * 4 * 2 ** 30);
    expect(checkTrainingMemory(a, s, budget)).toMatch(
      /^training needs about 4\.\d GiB at batch_size 32 .* more than the 3\.2 GiB available, even at batch_size 1: make the network smaller/,
    );
    expect(checkExportMemory(a.totalParams, 'tfjs', budget)).toMatch(
      /^exporting to tfjs needs about 4\.\d GiB \(4 copies of 1019 MiB of weights.* more than the 3\.2 GiB available: close other programs, or make the network smaller\.$/,
    );
    expect(checkExportMemory(a.totalParams, 'pytorch', 16 * 2 ** 30)).toBeNull();
  });

  it('refuses a batch that does not fit and suggests one that does', () => {
    const a = analyzeGraph(tiny());
    const s = settings({ optimizer: 'sgd', batch_size: 4096 });
    const budget = estimateTrainingMemory(a, { ...s, batch_size: 300 }).bytes;
    const msg = checkTrainingMemory(a, s, budget);
    expect(msg).toMatch(/at batch_size 4096 .* set batch_size to 256 or less\./);
    expect(checkTrainingMemory(a, { ...s, batch_size: 256 }, budget)).toBeNull();
    expect(checkTrainingMemory(a, s, 1000)).toMatch(/even at batch_size 1: make the network smaller/);
  });

  it('takes its budget from NETLOOM_MEMORY_BUDGET_MB, else the available memory (wasm at most 4 GiB)', () => {
    expect(memoryBudget('cpu', { NETLOOM_MEMORY_BUDGET_MB: '64' })).toBe(64 * 2 ** 20);
    expect(memoryBudget('cpu', {})).toBeGreaterThan(0);
    expect(memoryBudget('wasm', {})).toBeLessThanOrEqual(4 * 2 ** 30);
  });

  it('a run that would not fit is refused before training, naming a batch size that fits', async () => {
    process.env.NETLOOM_MEMORY_BUDGET_MB = '262'; // the 256 MiB runtime and about 500 samples' activations
    const d = parseDatasetSettings({ name: 'synthetic', trainSize: 200, testSize: 50 });
    if (!d.ok) throw new Error(d.error);
    const h = startTraining({
      graph: tiny(),
      settings: settings({ batch_size: 1024, epochs: 1 }),
      dataset: d.value,
      backend: 'cpu',
      out: join(root, 'r1'),
    });
    const end = await h.done;
    expect(end.event).toBe('error');
    expect(end.event === 'error' && end.message).toMatch(/set batch_size to \d+ or less/);
  }, 60_000);
});

describe('size limits before allocation', () => {
  it('refuses too many parameters or activation elements, and non-finite sizes', () => {
    expect(checkSizeLimits({ totalParams: LIMITS.parameters + 1, activationElements: 10 })).toMatch(
      /parameters, more than Netloom's limit/,
    );
    expect(checkSizeLimits({ totalParams: 10, activationElements: LIMITS.activationElements + 1 })).toMatch(
      /activations have/,
    );
    expect(checkSizeLimits({ totalParams: Infinity, activationElements: 1 })).toMatch(/limit/);
    expect(checkSizeLimits({ totalParams: 10, activationElements: NaN })).toMatch(/limit/);
    expect(checkSizeLimits({ totalParams: 60e6, activationElements: 11e6 })).toBeNull();
  });

  it('compileGraph refuses a mistyped huge Linear or Input at once, without allocating', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numBytes;
    // 49 x 6e6 = 2.9e8 weights (1.2 GB): under any single-tensor limit, over Netloom's parameter limit.
    const huge = compileGraph(tf, tiny(6e6), { seed: 1 });
    expect(huge.ok).toBe(false);
    expect(!huge.ok && huge.error).toMatch(/parameters, more than Netloom's limit/);
    const b = new GraphBuilder('Wide');
    b.chain(b.input([3, 100000, 100000]), [
      ['Flatten', {}],
      ['Linear', { out_features: 2 }],
    ]);
    const wide = compileGraph(tf, b.build(), { seed: 1 });
    expect(wide.ok).toBe(false);
    expect(tf.memory().numBytes).toBe(before);
  });
});
