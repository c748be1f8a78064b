// The bench's PyTorch BLAS choice (torch-blas.ts) against what a real PyTorch process maps
// (torch_blas.py reads /proc/self/maps): OpenBLAS where Debian's libopenblas0-pthread is
// installed, else, and with --torch-blas reference, the reference BLAS.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeTorchBlas,
  OPENBLAS_DIR,
  openBlasInstalled,
  setTorchBlas,
  torchEnv,
  type TorchBlasInfo,
} from './torch-blas';

const HERE = fileURLToPath(new URL('.', import.meta.url));

function loadedBlas(threads: number): TorchBlasInfo {
  const code = `import sys, json; sys.path.insert(0, sys.argv[1]); import torch; from torch_blas import loaded_blas; print(json.dumps(loaded_blas()))`;
  try {
    const out = execFileSync('/usr/bin/python3', ['-c', code, HERE], { encoding: 'utf8', env: torchEnv(threads) });
    return JSON.parse(out.trim().split('\n').pop() as string) as TorchBlasInfo;
  } catch (e) {
    throw new Error(`PyTorch failed (install Debian's python3-torch: apt-get install python3-torch): ${String(e)}`);
  }
}

afterEach(() => {
  setTorchBlas('auto');
});

describe('the bench runs PyTorch on the BLAS it says', () => {
  it('rejects an unknown --torch-blas, naming the flag and its values', () => {
    expect(setTorchBlas('mkl')).toMatch(/--torch-blas takes auto .* or reference .*"mkl"/);
    expect(setTorchBlas(undefined)).toBeNull();
    expect(setTorchBlas('reference')).toBeNull();
  });

  it('sets OPENBLAS_NUM_THREADS to the run threads and puts the chosen BLAS first on LD_LIBRARY_PATH', () => {
    const auto = torchEnv(3);
    expect(auto.OPENBLAS_NUM_THREADS).toBe('3');
    if (openBlasInstalled()) expect(auto.LD_LIBRARY_PATH?.split(':')[0]).toBe(OPENBLAS_DIR);
    else expect(auto.LD_LIBRARY_PATH).toBe(process.env.LD_LIBRARY_PATH);
    setTorchBlas('reference');
    expect(torchEnv(1).LD_LIBRARY_PATH?.split(':')[0]).toBe('/usr/lib/x86_64-linux-gnu/blas');
  });

  it('auto: PyTorch maps OpenBLAS with the run thread count where it is installed', () => {
    const info = loadedBlas(2);
    expect(info.blas_libs?.length).toBeGreaterThan(0);
    if (openBlasInstalled()) {
      expect(info.blas).toMatch(/^OpenBLAS \d/);
      expect(info.blas_threads).toBe(2);
      expect(info.blas_libs?.some((l) => l.startsWith(OPENBLAS_DIR))).toBe(true);
      expect(describeTorchBlas(info)).toMatch(/^PyTorch's BLAS: OpenBLAS .*2 thread\(s\)/);
    } else if (info.blas === 'reference BLAS') {
      expect(describeTorchBlas(info)).toMatch(/Linear layers .* slower.*apt-get install libopenblas0-pthread/);
    }
  });

  it('reference: PyTorch maps the reference BLAS even where OpenBLAS is installed, and the line says so', () => {
    setTorchBlas('reference');
    const info = loadedBlas(1);
    expect(info.blas).toBe('reference BLAS');
    expect(info.blas_libs?.every((l) => !l.includes('openblas'))).toBe(true);
    expect(describeTorchBlas(info)).toMatch(/reference \(Netlib\) BLAS.*chosen with --torch-blas reference/);
  });
});
