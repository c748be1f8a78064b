// Runs scripts/bench/torch_lenet.py under Debian's /usr/bin/python3 (torch 1.13) and parses its result;
// on OpenBLAS where installed (torch-blas.ts), with the BLAS its process mapped in the result.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { torchEnv, type TorchBlasInfo } from './torch-blas';

export interface TorchResult extends TorchBlasInfo {
  img_per_s: number;
  images: number;
  seconds: number;
  cpu_seconds: number;
  test_acc: number;
  threads: number;
  torch: string;
}

export function runTorch(opts: {
  dataDir: string;
  epochs: number;
  threads: number;
  maxBatches?: number;
}): TorchResult | string {
  if (!existsSync('/usr/bin/python3'))
    return 'PyTorch skipped: /usr/bin/python3 is missing (apt-get install python3-torch).';
  const script = fileURLToPath(new URL('./torch_lenet.py', import.meta.url));
  const arg = JSON.stringify({
    data_dir: opts.dataDir,
    epochs: opts.epochs,
    threads: opts.threads,
    max_batches: opts.maxBatches ?? null,
  });
  try {
    const out = execFileSync('/usr/bin/python3', [script, arg], {
      encoding: 'utf8',
      timeout: 15 * 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: torchEnv(opts.threads),
    });
    return JSON.parse(out.trim().split('\n').pop() as string) as TorchResult;
  } catch (e) {
    return `PyTorch run failed (is python3-torch installed? apt-get install python3-torch): ${(e as Error).message.split('\n')[0]}`;
  }
}
