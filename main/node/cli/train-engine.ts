/** `netloom train --engine torch` and its flags -> the request's engine and TorchOptions. */
import { err, ok, type Result } from '../../../app/result';
import { checkTorchOptions, type TorchOptions } from '../engine/torch/options';
import type { TrainFlags } from './train-options';

export const ENGINE_OPTIONS = {
  engine: { type: 'string' },
  device: { type: 'string' },
  nproc: { type: 'string' },
  nnodes: { type: 'string' },
  'node-rank': { type: 'string' },
  'master-addr': { type: 'string' },
  'master-port': { type: 'string' },
  python: { type: 'string' },
  'sync-bn': { type: 'boolean' },
  threads: { type: 'string' },
} as const;

export const ENGINE_HELP = `--engine netloom|torch: the built-in engine (default) or the user's own PyTorch (found through
  NETLOOM_PYTHON, a virtualenv/conda env, python3 on PATH or /usr/bin/python3; --python PATH picks one).
  With --engine torch: --device cpu|cuda|cuda:N|mps (default: CUDA when torch has it), --nproc N
  (torchrun --nproc_per_node N, DistributedDataParallel: gloo on CPU, NCCL on CUDA; the batch is split
  across the processes), --sync-bn (BatchNorm as SyncBatchNorm), --threads N (torch threads per process),
  --nnodes N --node-rank R --master-addr A --master-port P (several machines: run the same command on each).`;

const TORCH_ONLY = [
  'device',
  'nproc',
  'nnodes',
  'node-rank',
  'master-addr',
  'master-port',
  'python',
  'sync-bn',
  'threads',
];

function int(f: TrainFlags, flag: string): number | undefined | 'bad' {
  const v = f[flag];
  if (typeof v !== 'string') return undefined;
  const n = Number(v);
  return v.trim() !== '' && Number.isInteger(n) ? n : 'bad';
}

export function engineFromFlags(f: TrainFlags): Result<{ engine?: 'netloom' | 'torch'; torch?: TorchOptions }> {
  const engine = typeof f.engine === 'string' ? f.engine : 'netloom';
  if (engine !== 'netloom' && engine !== 'torch') return err(`--engine must be netloom or torch, got '${engine}'.`);
  if (engine === 'netloom') {
    const extra = TORCH_ONLY.find((k) => f[k] !== undefined);
    return extra ? err(`--${extra} applies to --engine torch only.`) : ok({});
  }
  if (typeof f.backend === 'string')
    return err('--backend picks a TensorFlow.js backend of the built-in engine; with --engine torch use --device.');
  if (typeof f.workers === 'string')
    return err('--workers splits batches across threads of the built-in engine; with --engine torch use --nproc.');
  const o: TorchOptions = {};
  for (const [flag, key] of [
    ['nproc', 'nproc'],
    ['nnodes', 'nnodes'],
    ['node-rank', 'node_rank'],
    ['master-port', 'master_port'],
    ['threads', 'threads'],
  ] as const) {
    const v = int(f, flag);
    if (v === 'bad') return err(`--${flag} must be an integer, got '${String(f[flag])}'.`);
    if (v !== undefined) o[key] = v;
  }
  if (typeof f.device === 'string') o.device = f.device;
  if (typeof f['master-addr'] === 'string') o.master_addr = f['master-addr'];
  if (typeof f.python === 'string') o.python = f.python;
  if (f['sync-bn'] === true) o.sync_bn = true;
  const bad = checkTorchOptions(o);
  return bad ? err(bad) : ok({ engine: 'torch', torch: o });
}
