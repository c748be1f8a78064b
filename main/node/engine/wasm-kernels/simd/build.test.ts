// The committed SIMD bytes are exactly what kernels.wat assembles to (so an edit of the .wat
// without `npm run build:wasm` fails here), and they load over a wasm backend's memory.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, bytesModule, BYTES_PATH } from './build';

describe('SIMD kernels build', () => {
  it('simd-bytes.ts is kernels.wat assembled (run `npm run build:wasm` after editing kernels.wat)', async () => {
    const bytes = await assemble();
    expect(readFileSync(BYTES_PATH, 'utf8')).toBe(bytesModule(bytes));
  });
});
