// npm run build:wasm: assembles main/node/engine/wasm-kernels/simd/kernels.wat into simd-bytes.ts.
import { writeFileSync } from 'node:fs';
import { assemble, bytesModule, BYTES_PATH } from '../main/node/engine/wasm-kernels/simd/build';

const bytes = await assemble();
writeFileSync(BYTES_PATH, bytesModule(bytes));
console.log(`wrote ${BYTES_PATH.pathname} (${bytes.length} bytes of WebAssembly)`);
