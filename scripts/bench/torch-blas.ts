// The BLAS PyTorch runs on when the bench uses it as the speed reference. Debian's python3-torch
// links the generic libblas.so.3, which on a machine without an optimized BLAS is the reference
// (Netlib) BLAS: unvectorized triple loops, so every Linear layer (addmm/mm) and LAPACK call of
// PyTorch runs many times slower than it should (ResNet-18's 512x1000 classifier alone costs
// ~45 ms per step at batch 64), which would flatter the engine. Where Debian's OpenBLAS
// (`apt-get install libopenblas0-pthread`) is installed, the bench runs PyTorch with it through
// LD_LIBRARY_PATH (the system's libblas.so.3 alternative is left as it is: other processes, the
// test suite's PyTorch reference among them, keep what CI installs), with OPENBLAS_NUM_THREADS
// equal to that run's torch thread count. torch_blas.py reports what the process really mapped.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
/** Debian's reference BLAS and LAPACK (libblas3, liblapack3), for --torch-blas reference. */
const REFERENCE_DIRS = ['/usr/lib/x86_64-linux-gnu/blas', '/usr/lib/x86_64-linux-gnu/lapack'];

/** auto: OpenBLAS where installed, else the system's libblas.so.3; reference: the reference BLAS even where OpenBLAS is installed (to measure what it costs PyTorch). */
export type TorchBlas = 'auto' | 'reference';

let mode: TorchBlas = 'auto';

/** Parses and sets --torch-blas; returns an error line naming the flag, or null. */
export function setTorchBlas(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value !== 'auto' && value !== 'reference')
    return `--torch-blas takes auto (OpenBLAS where installed, the fair reference) or reference (Debian's reference BLAS), not "${value}".`;
  mode = value;
  return null;
}

export function openBlasInstalled(): boolean {
  return existsSync(`${OPENBLAS_DIR}/libblas.so.3`);
}

/** Environment of a PyTorch process of the bench that runs on `threads` threads. */
export function torchEnv(threads: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  const dirs = mode === 'reference' ? REFERENCE_DIRS : openBlasInstalled() ? [OPENBLAS_DIR] : [];
  if (dirs.length) env.LD_LIBRARY_PATH = [...dirs, ...(env.LD_LIBRARY_PATH ? [env.LD_LIBRARY_PATH] : [])].join(':');
  return env;
}

/** What torch_blas.py's loaded_blas() adds to a PyTorch script's JSON line. */
export interface TorchBlasInfo {
  blas?: string;
  blas_libs?: string[];
  blas_threads?: number | null;
  blas_config?: string | null;
}

/** One line saying which BLAS PyTorch used (as read from its process), and what that means for the comparison. */
export function describeTorchBlas(info: TorchBlasInfo): string {
  const blas = info.blas ?? 'unknown';
  const libs = info.blas_libs?.length ? ` (${info.blas_libs.join(', ')})` : '';
  if (blas.startsWith('OpenBLAS'))
    return `PyTorch's BLAS: ${info.blas_config ?? blas}, ${info.blas_threads ?? '?'} thread(s)${libs}`;
  if (blas === 'reference BLAS') {
    const why =
      mode === 'reference'
        ? 'chosen with --torch-blas reference'
        : `install OpenBLAS for a fair reference: apt-get install libopenblas0-pthread (the bench then runs PyTorch with it through LD_LIBRARY_PATH=${OPENBLAS_DIR}; the system's libblas.so.3 stays as it is)`;
    return `PyTorch's BLAS: the reference (Netlib) BLAS${libs}, which makes PyTorch's Linear layers (addmm/mm) many times slower than with an optimized BLAS, so ratios against it flatter the engine; ${why}`;
  }
  return `PyTorch's BLAS: ${blas}${libs}`;
}

/**
 * Runs one of the bench's PyTorch kernel scripts (conv_kernels.py, linear_kernels.py) on `threads`
 * threads with the fair BLAS: its last output line, {ms, ...the BLAS it loaded}; a message if it fails.
 */
export function torchKernelTimes<T>(
  script: string,
  arg: object,
  threads: number,
): { ms: Record<string, T>; blas: TorchBlasInfo } | string {
  try {
    const out = execFileSync('/usr/bin/python3', [script, JSON.stringify(arg)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: torchEnv(threads),
    });
    const r = JSON.parse(out.trim().split('\n').pop() as string) as TorchBlasInfo & { ms: Record<string, T> };
    return { ms: r.ms, blas: r };
  } catch (e) {
    return `PyTorch failed (Debian's python3-torch under /usr/bin/python3?): ${(e as Error).message.split('\n')[0]}`;
  }
}
