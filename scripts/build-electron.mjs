// Builds the desktop app's main process and preload with esbuild into dist/electron:
// main.js (ESM, package.json "main") and preload.cjs (CommonJS: sandboxed preloads cannot be ESM).
// Everything but electron is bundled, so the sandboxed preload needs no require.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function buildElectron(root = ROOT) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'error',
    absWorkingDir: root,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'main/electron/main.ts')],
      outfile: join(root, 'dist/electron/main.js'),
      format: 'esm',
      // Bundled CommonJS code may call require(); give it Node's.
      banner: {
        js: "import { createRequire as __netloomRequire } from 'node:module'; const require = __netloomRequire(import.meta.url);",
      },
    }),
    build({
      ...common,
      entryPoints: [join(root, 'main/preload/preload.ts')],
      outfile: join(root, 'dist/electron/preload.cjs'),
      format: 'cjs',
    }),
  ]);
  // The PyTorch engine's Python files sit beside main.js (launch.ts finds them there; the package
  // keeps them out of the asar archive so Python can read them).
  mkdirSync(join(root, 'dist/electron'), { recursive: true });
  for (const f of ['runner.py', 'runner_lib.py', 'torchrun.py'])
    copyFileSync(join(root, 'main/node/engine/torch', f), join(root, 'dist/electron', f));
  return join(root, 'dist/electron');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
  console.log('built dist/electron/main.js and dist/electron/preload.cjs');
}
