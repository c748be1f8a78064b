// The PyTorch engine's benchmark (part of `npm run bench`, or alone: npx tsx scripts/bench/torch-engine.ts):
// LeNet-5 on Fashion-MNIST and ResNet-18 on random 3x32x32 data, images/s of
// `netloom train --engine torch` against a plain PyTorch script (torch_plain.py: same network,
// batch, optimizer, threads) and against the built-in engine (`netloom train`, backend ladder).
// Plain PyTorch and the PyTorch engine run alternately, best of --rounds tries each (the machine is
// shared); images per CPU-second (process time of the training epochs) is the steadier figure.
// Flags: --lenet-n N (samples, 12800), --resnet-n N (512), --epochs N (1), --rounds N (2).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serializeProject } from '../../app/graph/schema';
import { buildTemplate } from '../../app/templates';

const BIN = fileURLToPath(new URL('../../bin/netloom', import.meta.url));
const PLAIN = fileURLToPath(new URL('./torch_plain.py', import.meta.url));
const FASHION = '/usr/share/datasets/fashion-mnist';
const PYTHON = process.env.NETLOOM_PYTHON ?? '/usr/bin/python3';

export interface TorchEngineRow {
  model: string;
  run: string;
  imgPerS: number | null;
  imgPerCpuS: number | null;
  note: string;
}

interface Measured {
  img_per_s: number;
  img_per_cpu_s: number | null;
  note: string;
}

function plain(model: string, n: number, epochs: number, batch: number): Measured | string {
  try {
    const out = execFileSync(PYTHON, [PLAIN, JSON.stringify({ model, n, epochs, batch, data_dir: FASHION })], {
      encoding: 'utf8',
      timeout: 30 * 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r = JSON.parse(out.trim().split('\n').pop() as string) as {
      img_per_s: number;
      img_per_cpu_s: number;
      torch: string;
      threads: number;
    };
    return { img_per_s: r.img_per_s, img_per_cpu_s: r.img_per_cpu_s, note: `torch ${r.torch}, ${r.threads} thread(s)` };
  } catch (e) {
    return `plain PyTorch failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** `netloom train --json`; for the PyTorch engine also images per CPU-second of rank 0 (run.json's torch.cpu_seconds). */
function netloom(project: string, args: string[], out: string, images: number): Measured | string {
  try {
    const text = execFileSync(BIN, ['train', project, ...args, '--json', '--out', out], {
      encoding: 'utf8',
      timeout: 60 * 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.event === 'done');
    if (!done || done.status === 'failed') return `netloom train: ${String(done?.message ?? 'no done event')}`;
    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      torch?: { cpu_seconds?: number; threads?: number };
    };
    const cpu = info.torch?.cpu_seconds;
    return {
      img_per_s: done.img_per_s as number,
      img_per_cpu_s: cpu ? images / cpu : null,
      note:
        done.engine === 'torch'
          ? `PyTorch ${String(done.device)}, ${info.torch?.threads ?? '?'} thread(s)`
          : String(done.backend),
    };
  } catch (e) {
    return `netloom train failed: ${(e as Error).message.split('\n').slice(0, 2).join(' ')}`;
  }
}

/** The better of several tries (the machine is shared: the slower tries met more load). */
function best(tries: (Measured | string)[]): Measured | string {
  const ok = tries.filter((t): t is Measured => typeof t !== 'string');
  if (!ok.length) return tries[0];
  return {
    img_per_s: Math.max(...ok.map((t) => t.img_per_s)),
    img_per_cpu_s: ok.some((t) => t.img_per_cpu_s !== null) ? Math.max(...ok.map((t) => t.img_per_cpu_s ?? 0)) : null,
    note: ok[0].note,
  };
}

/** ResNet-18 as torchvision builds it, for 3x32x32 inputs and 10 classes. */
function resnetProject(path: string): void {
  const g = buildTemplate('resnet18');
  if (!g.ok) throw new Error(g.error);
  const nodes = g.value.nodes.map((n) =>
    n.type === 'Input' ? { ...n, params: { ...n.params, shape: [3, 32, 32] } } : n,
  );
  const last = [...nodes].reverse().find((n) => n.type === 'Linear');
  if (last) last.params = { ...last.params, out_features: 10 };
  writeFileSync(path, serializeProject({ ...g.value, nodes }));
}

/** CIFAR-10 binary batches of random bytes: random 3x32x32 images and labels. */
export function randomCifar(dir: string, n: number): void {
  const bin = join(dir, 'cifar-10-batches-bin');
  mkdirSync(bin, { recursive: true });
  const per = Math.ceil(n / 5);
  const file = (count: number) => {
    const b = new Uint8Array(count * 3073);
    for (let i = 0; i < b.length; i++) b[i] = Math.floor(Math.random() * 256);
    for (let r = 0; r < count; r++) b[r * 3073] %= 10;
    return b;
  };
  for (let i = 1; i <= 5; i++) writeFileSync(join(bin, `data_batch_${i}.bin`), file(per));
  writeFileSync(join(bin, 'test_batch.bin'), file(64));
}

export function benchTorchEngine(opts: {
  lenetN: number;
  resnetN: number;
  epochs: number;
  rounds: number;
}): TorchEngineRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'netloom-bench-torch-'));
  const rows: TorchEngineRow[] = [];
  try {
    const lenet = join(dir, 'lenet5.netloom.json');
    execFileSync(BIN, ['new', '--template', 'lenet5', '-o', lenet], { stdio: 'ignore' });
    const resnet = join(dir, 'resnet18.netloom.json');
    resnetProject(resnet);
    const cifar = join(dir, 'cifar');
    randomCifar(cifar, opts.resnetN);
    const cases = [
      {
        model: 'lenet5',
        project: lenet,
        n: opts.lenetN,
        batch: 64,
        data: ['--dataset', 'fashion-mnist', '--data-dir', FASHION, '--limit', String(opts.lenetN)],
      },
      {
        model: 'resnet18',
        project: resnet,
        n: opts.resnetN,
        batch: 32,
        data: ['--dataset', 'cifar10', '--data-dir', cifar],
      },
    ];
    for (const c of cases) {
      const common = [
        ...c.data,
        '--epochs',
        String(opts.epochs),
        '--batch-size',
        String(c.batch),
        '--optimizer',
        'sgd',
        '--lr',
        '0.01',
        '--momentum',
        '0.9',
        '--val-split',
        '0',
      ];
      console.log(
        `${c.model}: plain PyTorch and netloom --engine torch alternately (${opts.rounds} rounds), then the built-in engine (${c.n} samples, ${opts.epochs} epoch(s), batch ${c.batch})...`,
      );
      const plainTries: (Measured | string)[] = [];
      const torchTries: (Measured | string)[] = [];
      for (let r = 0; r < opts.rounds; r++) {
        plainTries.push(plain(c.model, c.n, opts.epochs, c.batch));
        torchTries.push(
          netloom(
            c.project,
            [...common, '--engine', 'torch', '--device', 'cpu'],
            join(dir, `${c.model}-torch-${r}`),
            c.n * opts.epochs,
          ),
        );
      }
      const builtin = netloom(c.project, common, join(dir, `${c.model}-builtin`), c.n * opts.epochs);
      const p = best(plainTries);
      const ref = typeof p === 'string' ? null : p;
      for (const [run, m] of [
        ['plain PyTorch script', p],
        ['netloom --engine torch', best(torchTries)],
        ['netloom built-in', builtin],
      ] as const) {
        if (typeof m === 'string') {
          rows.push({ model: c.model, run, imgPerS: null, imgPerCpuS: null, note: m });
          continue;
        }
        const vs =
          ref && run !== 'plain PyTorch script'
            ? `; ${(m.img_per_s / ref.img_per_s).toFixed(3)}x plain PyTorch (wall)${m.img_per_cpu_s && ref.img_per_cpu_s ? `, ${(m.img_per_cpu_s / ref.img_per_cpu_s).toFixed(3)}x (CPU time)` : ''}`
            : '';
        rows.push({ model: c.model, run, imgPerS: m.img_per_s, imgPerCpuS: m.img_per_cpu_s, note: `${m.note}${vs}` });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function printTorchEngineRows(rows: TorchEngineRow[]): void {
  console.log('\nPyTorch engine: images/s (wall) and images per CPU-second, training epochs only');
  for (const r of rows) {
    const f = (v: number | null) => (v === null ? '-' : v.toFixed(0)).padStart(8);
    console.log(`${r.model.padEnd(9)} ${r.run.padEnd(24)} ${f(r.imgPerS)} ${f(r.imgPerCpuS)}  ${r.note}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values: a } = parseArgs({
    options: {
      'lenet-n': { type: 'string', default: '12800' },
      'resnet-n': { type: 'string', default: '512' },
      epochs: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '2' },
    },
  });
  printTorchEngineRows(
    benchTorchEngine({
      lenetN: Number(a['lenet-n']),
      resnetN: Number(a['resnet-n']),
      epochs: Number(a.epochs),
      rounds: Number(a.rounds),
    }),
  );
}
