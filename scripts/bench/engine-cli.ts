// The full engine, as a person runs it: `netloom new --template lenet5` then `netloom train
// --json` (backend ladder, worker thread, session, run folder, metrics). Parses its events.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EngineRun {
  imgPerS: number;
  testAcc: number;
  backend: string;
  epochLoss: number[];
  tensors: number[];
  seconds: number;
}

export function runEngineCli(opts: {
  dataDir: string;
  epochs: number;
  backend: string;
  workers?: number;
}): EngineRun | string {
  const bin = fileURLToPath(new URL('../../bin/netloom', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'netloom-bench-'));
  try {
    const project = join(dir, 'lenet5.netloom.json');
    execFileSync(bin, ['new', '--template', 'lenet5', '-o', project], { stdio: 'ignore' });
    const out = execFileSync(
      bin,
      [
        'train',
        project,
        '--dataset',
        'fashion-mnist',
        '--data-dir',
        opts.dataDir,
        '--epochs',
        String(opts.epochs),
        '--batch-size',
        '64',
        '--optimizer',
        'sgd',
        '--lr',
        '0.01',
        '--momentum',
        '0.9',
        '--val-split',
        '0',
        '--backend',
        opts.backend,
        ...(opts.workers ? ['--workers', String(opts.workers)] : []),
        '--json',
        '--out',
        join(dir, 'run'),
      ],
      { encoding: 'utf8', timeout: 60 * 60_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const events = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const epochs = events.filter((e) => e.event === 'epoch');
    const done = events.find((e) => e.event === 'done');
    if (!done) return `netloom train ended without a done event: ${out.slice(-300)}`;
    return {
      imgPerS: done.img_per_s as number,
      testAcc: done.test_acc as number,
      backend: done.backend as string,
      epochLoss: epochs.map((e) => e.train_loss as number),
      tensors: epochs.map((e) => e.tensors as number),
      seconds: epochs.reduce((t, e) => t + (e.seconds as number), 0),
    };
  } catch (e) {
    return `netloom train failed: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
