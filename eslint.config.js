// Import rules of docs/ARCHITECTURE.md, enforced: the folder says which runtime code runs in.
// Package bans by folder below; folder-to-folder rules are one path-based rule (scripts/lint/boundaries.js,
// tested by scripts/lint/boundaries.test.ts). Type-aware rules catch promises nobody awaits and `any`
// leaking out of JSON and untyped APIs; React's rules of hooks hold in renderer/.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import netloom from './scripts/lint/boundaries.js';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'stream',
  'zlib',
];
const tfjsNode = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

/** The type-aware rules `npm run lint` runs (they need the tsconfig projects; see the lint test). */
export const TYPED_RULES = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/no-unsafe-argument': 'error',
  '@typescript-eslint/no-unsafe-return': 'error',
  '@typescript-eslint/no-unsafe-call': 'error',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '**/*.js', '**/*.mjs', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { netloom },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'netloom/boundaries': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['tsconfig.node.json', 'tsconfig.renderer-test.json', 'tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: TYPED_RULES,
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The core is pure: it runs in the renderer, the worker, the CLI and tests alike.
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'electron'],
              message: 'app/ is the pure core: no UI or Electron imports.',
            },
            { group: nodeBuiltins, message: 'app/ is the pure core: platform services come in as parameters.' },
            {
              group: tfjsNode,
              message: 'app/ takes tfjs as an injected value; tfjs-node is loaded by main/node only.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeBuiltins, ...tfjsNode],
              message: 'renderer/ runs in a browser context: talk to the host through renderer/host.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message:
                'main/node runs without Electron (CLI, web host, worker); only main/electron and main/preload import it.',
            },
          ],
        },
      ],
    },
  },
);
