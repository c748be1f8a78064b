// Import rules of shared/DESIGN.md, enforced: the folder says which runtime code runs in.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'zlib'];
const tfjsNode = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '**/*.js', '**/*.mjs', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: it runs in the renderer, the worker, the CLI and tests alike.
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'electron'], message: 'app/ is the pure core: no UI or Electron imports.' },
          { group: nodeBuiltins, message: 'app/ is the pure core: platform services come in as parameters.' },
          { group: tfjsNode, message: 'app/ takes tfjs as an injected value; tfjs-node is loaded by main/node only.' },
          { group: ['../main/*', '../../main/*', '../renderer/*', '../../renderer/*'], message: 'app/ imports only itself.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', ...nodeBuiltins, ...tfjsNode], message: 'renderer/ runs in a browser context: talk to the host through renderer/host.' },
          { group: ['**/main/**'], message: 'renderer/ never imports main/.' },
          {
            group: ['**/app/compiler/**', '**/app/importers/**', '**/app/layers/targets', '**/app/layers/kind', '**/app/layers/*/tfjs', '**/app/layers/*/pytorch', '**/app/layers/*/onnx', '**/app/layers/*/targets'],
            message: 'renderer/ loads layer specs only: target code (tfjs builds, Python text, ONNX) stays out of its import graph.',
          },
        ],
      }],
    },
  },
  {
    files: ['main/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'main/node runs without Electron (CLI, web host, worker); only main/electron and main/preload import it.' },
          { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' },
        ],
      }],
    },
  },
);
