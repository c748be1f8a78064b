// The committed WebAssembly bytes are exactly what the .wat files assemble to (so an edit of a
// .wat without `npm run build:wasm` fails here).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, bytesModule, WAT_MODULES } from './build';

describe('SIMD kernels build', () => {
  for (const m of WAT_MODULES) {
    const [wat, bytes] = [m.wat, m.bytes].map((u) => u.pathname.split('/').pop());
    it(`${bytes} is ${wat} assembled (run \`npm run build:wasm\` after editing ${wat})`, async () => {
      const assembled = await assemble(m);
      expect(readFileSync(m.bytes, 'utf8')).toBe(bytesModule(assembled, m));
    });
  }
});
