// The import rules of docs/ARCHITECTURE.md as one path-based ESLint rule: every relative import
// (static, re-export, dynamic) is resolved against the importing file and both are placed in a zone
// by their path under the repository, so a deep path (`../../../main/node/y`) is caught as surely
// as a short one.
//
// Zones: app (the pure core), app-target (target code inside app: the compilers, the importers,
// app/layers/targets.ts, targets-index.ts and kind.ts, and each kind's tfjs/pytorch/onnx/targets files and its
// onnx-import/keras-import entries),
// renderer, main/node, main/electron, main/preload.
// - app and app-target never import renderer/ or main/.
// - renderer never imports main/.
// - main/node never imports renderer/, main/electron or main/preload; main/electron and main/preload never import renderer/.
// - Nothing outside app-target, main/ and tests imports target code, except type-only imports (erased):
//   so the renderer's import graph (renderer plus the non-target core) holds no tfjs build, Python
//   text or ONNX code.
import { dirname, relative, resolve, sep } from 'node:path';

const TARGET_FILE = /^app\/layers\/[^/]+\/(tfjs|pytorch|onnx|targets|import|import-[a-z-]+|[a-z]+-import)\.ts$/;

/** The zone of a repository-relative path (forward slashes), or null outside the checked folders. */
export function zoneOf(path) {
  const p = path.replace(/\.(ts|tsx|js)$/, '').concat('.ts');
  if (
    p.startsWith('app/compiler/') ||
    p.startsWith('app/importers/') ||
    p === 'app/layers/targets.ts' ||
    p === 'app/layers/targets-index.ts' ||
    p === 'app/layers/kind.ts' ||
    TARGET_FILE.test(p)
  )
    return 'app-target';
  if (p.startsWith('app/')) return 'app';
  if (p.startsWith('renderer/')) return 'renderer';
  for (const z of ['main/node', 'main/electron', 'main/preload']) if (p.startsWith(`${z}/`)) return z;
  return null;
}

const FORBIDDEN = {
  app: ['renderer', 'main/node', 'main/electron', 'main/preload'],
  'app-target': ['renderer', 'main/node', 'main/electron', 'main/preload'],
  renderer: ['main/node', 'main/electron', 'main/preload'],
  'main/node': ['renderer', 'main/electron', 'main/preload'],
  'main/electron': ['renderer'],
  'main/preload': ['renderer'],
};

const WHY = {
  app: 'app/ is the pure core and imports only itself',
  'app-target': 'app/ is the pure core and imports only itself',
  renderer: 'renderer/ runs in a browser context and never imports main/ (talk to the host through renderer/host)',
  'main/node': 'main/node runs without Electron and never imports renderer/, main/electron or main/preload',
  'main/electron': 'main/ never imports renderer/',
  'main/preload': 'main/ never imports renderer/',
};

const typeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

export const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Import rules by folder (docs/ARCHITECTURE.md), resolved by path' },
    schema: [],
    messages: {
      forbidden: "'{{source}}' resolves to {{target}}: {{why}}.",
      target:
        "'{{source}}' resolves to target code ({{target}}): only the compilers, the importers and main/ load it, so the renderer's import graph stays free of tfjs builds, Python text and ONNX code; import the spec (app/layers/<kind>/spec.ts) or make it `import type`.",
    },
  },
  create(context) {
    const root = context.cwd;
    const from = zoneOf(relative(root, context.filename).split(sep).join('/'));
    if (!from) return {};
    // Tests are not loaded by the renderer: they may exercise target code beside the code they test.
    const isTest = /\.test(-d)?\.tsx?$/.test(context.filename);
    const check = (node, source, isType) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source))
        .split(sep)
        .join('/');
      const to = zoneOf(target);
      if (to && FORBIDDEN[from].includes(to)) {
        context.report({ node, messageId: 'forbidden', data: { source, target, why: WHY[from] } });
      } else if (to === 'app-target' && (from === 'app' || from === 'renderer') && !isType && !isTest) {
        context.report({ node, messageId: 'target', data: { source, target } });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value, typeOnly(n)),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, typeOnly(n)),
      ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === 'type'),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value, false),
    };
  },
};

export default { rules: { boundaries } };
