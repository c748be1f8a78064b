// The PyTorch engine's benchmark (part of `npm run bench`, or alone: npx tsx scripts/bench/torch-engine.ts):
// LeNet-5 on Fashion-MNIST and ResNet-18 on random 3x32x32 data, images/s of
// `netloom train --engine torch` against a plain PyTorch script (torch_plain.py: same network,
// batch, optimizer, threads) and against the built-in engine (`netloom train`, backend ladder).
// Flags: --lenet-n N (samples, 12800), --resnet-n N (512), --epochs N (1).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

export interface TorchEngineRow { model: string; run: string; imgPerS: number | null; note: string }

function plain(model: string, n: number, epochs: number, batch: number): { img_per_s: number; torch: string; threads: number } | string {
  try {
    const out = execFileSync(PYTHON, [PLAIN, JSON.stringify({ model, n, epochs, batch, data_dir: FASHION })], { encoding: 'utf8', timeout: 30 * 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop() as string) as { img_per_s: number; torch: string; threads: number };
  } catch (e) {
    return `plain PyTorch failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

function netloom(project: string, args: string[]): { img_per_s: number; test_acc: number | null; device?: string; backend: string } | string {
  try {
    const out = execFileSync(BIN, ['train', project, ...args, '--json'], { encoding: 'utf8', timeout: 60 * 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const done = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.event === 'done');
    if (!done || done.status === 'failed') return `netloom train: ${String(done?.message ?? 'no done event')}`;
    return done as unknown as { img_per_s: number; test_acc: number | null; device?: string; backend: string };
  } catch (e) {
    return `netloom train failed: ${(e as Error).message.split('\n').slice(0, 2).join(' ')}`;
  }
}

/** ResNet-18 as torchvision builds it, for 3x32x32 inputs and 10 classes. */
function resnetProject(path: string): void {
  const g = buildTemplate('resnet18');
  if (!g.ok) throw new Error(g.error);
  const nodes = g.value.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, shape: [3, 32, 32] } } : n));
  const last = [...nodes].reverse().find((n) => n.type === 'Linear');
  if (last) last.params = { ...last.params, out_features: 10 };
  writeFileSync(path, serializeProject({ ...g.value, nodes }));
}

/** CIFAR-10 binary batches of random bytes: random 3x32x32 images and labels. */
function randomCifar(dir: string, n: number): void {
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

export function benchTorchEngine(opts: { lenetN: number; resnetN: number; epochs: number }): TorchEngineRow[] {
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
      { model: 'lenet5', project: lenet, n: opts.lenetN, batch: 64, data: ['--dataset', 'fashion-mnist', '--data-dir', FASHION, '--limit', String(opts.lenetN)] },
      { model: 'resnet18', project: resnet, n: opts.resnetN, batch: 32, data: ['--dataset', 'cifar10', '--data-dir', cifar] },
    ];
    for (const c of cases) {
      const common = [...c.data, '--epochs', String(opts.epochs), '--batch-size', String(c.batch), '--optimizer', 'sgd', '--lr', '0.01', '--momentum', '0.9', '--val-split', '0'];
      console.log(`${c.model}: plain PyTorch, netloom --engine torch, built-in engine (${c.n} samples, ${opts.epochs} epoch(s), batch ${c.batch})...`);
      const p = plain(c.model, c.n, opts.epochs, c.batch);
      const ref = typeof p === 'string' ? null : p.img_per_s;
      rows.push({ model: c.model, run: 'plain PyTorch script', imgPerS: ref, note: typeof p === 'string' ? p : `torch ${p.torch}, ${p.threads} threads` });
      for (const [run, args] of [['netloom --engine torch', ['--engine', 'torch', '--device', 'cpu']], ['netloom built-in', []]] as const) {
        const r = netloom(c.project, [...common, ...args, '--out', join(dir, `${c.model}-${run.replace(/\W+/g, '-')}`)]);
        rows.push(typeof r === 'string' ? { model: c.model, run, imgPerS: null, note: r } : {
          model: c.model, run, imgPerS: r.img_per_s,
          note: `${r.device ? `PyTorch ${r.device}` : r.backend}${ref ? `, ${(r.img_per_s / ref).toFixed(3)}x plain PyTorch` : ''}`,
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function printTorchEngineRows(rows: TorchEngineRow[]): void {
  console.log('\nPyTorch engine (images/s, training epochs only)');
  for (const r of rows) console.log(`${r.model.padEnd(9)} ${r.run.padEnd(24)} ${(r.imgPerS === null ? '-' : r.imgPerS.toFixed(0)).padStart(8)}  ${r.note}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values: a } = parseArgs({ options: { 'lenet-n': { type: 'string', default: '12800' }, 'resnet-n': { type: 'string', default: '512' }, epochs: { type: 'string', default: '1' } } });
  printTorchEngineRows(benchTorchEngine({ lenetN: Number(a['lenet-n']), resnetN: Number(a['resnet-n']), epochs: Number(a.epochs) }));
}
