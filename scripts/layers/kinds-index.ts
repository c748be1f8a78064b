/**
 * app/layers/targets.ts, generated from app/layers/registry.ts: the registry is the one list of
 * kinds (its `import { x } from './<folder>/spec'` lines and the LAYERS array, in palette order),
 * and the targets index imports each listed folder's `targets.ts` in the same order. The renderer
 * loads only the registry; the compilers and importers load the generated index.
 * `npm run layers:gen` rewrites it; scripts/layers/kinds-index.test.ts fails when it is stale.
 */

export const TARGETS_FILE = 'app/layers/targets.ts';
export const REGISTRY_FILE = 'app/layers/registry.ts';

/** The kinds of registry.ts in LAYERS order: the spec's variable and its folder. */
export function registryKinds(registry: string): { name: string; folder: string }[] {
  const folders = new Map<string, string>();
  for (const m of registry.matchAll(/^import \{ (\w+) \} from '\.\/([\w-]+)\/spec';$/gm)) folders.set(m[1], m[2]);
  const list = /export const LAYERS: AnyLayerSpec\[\] = \[([^\]]*)\];/.exec(registry);
  if (!list) throw new Error(`${REGISTRY_FILE}: no 'export const LAYERS: AnyLayerSpec[] = [...]' list`);
  const names = list[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.map((name) => {
    const folder = folders.get(name);
    if (!folder)
      throw new Error(`${REGISTRY_FILE}: '${name}' in LAYERS has no 'import { ${name} } from './<folder>/spec'' line`);
    return { name, folder };
  });
}

/** The text of app/layers/targets.ts for this registry (Prettier's style: imports sorted by folder). */
export function targetsIndex(registry: string): string {
  const kinds = registryKinds(registry);
  const imports = [...kinds]
    .sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0))
    .map((k) => `import { targets as ${k.name} } from './${k.folder}/targets';`);
  return `// Generated from app/layers/registry.ts by \`npm run layers:gen\`: do not edit (scripts/layers/kinds-index.ts).
/**
 * The targets of every layer kind (TensorFlow.js build, PyTorch code, ONNX export, ONNX and Keras
 * import), in the registry's order. The compilers' and importers' tables are derived from this
 * list; the renderer never loads it (eslint.config.js). The type checker and
 * app/layers/coverage.test.ts fail when a kind's folder lacks a target.
 */
${imports.join('\n')}
import type { LayerTargets } from './kind';

export const TARGETS: readonly LayerTargets[] = [
${kinds.map((k) => `  ${k.name},`).join('\n')}
];

const byType = new Map(TARGETS.map((t) => [t.type, t]));

/** The targets of a layer kind, by its PyTorch type name. */
export function getTargets(type: string): LayerTargets | undefined {
  return byType.get(type);
}
`;
}
