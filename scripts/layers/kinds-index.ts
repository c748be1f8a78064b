/**
 * app/layers/targets-index.ts, generated from app/layers/registry.ts: the registry is the one list
 * of kinds (its `import { x } from './<folder>/spec'` lines and the LAYERS array, in palette
 * order); the index re-exports each listed folder's `targets.ts`, and app/layers/targets.ts puts
 * them in the registry's order (no second list). The renderer loads only the registry; the
 * compilers and importers load the targets.
 * `npm run layers:gen` rewrites it; scripts/layers/kinds-index.test.ts fails when it is stale.
 */

export const TARGETS_FILE = 'app/layers/targets-index.ts';
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

/** The text of app/layers/targets-index.ts for this registry: one re-export per kind, sorted by folder. */
export function targetsIndex(registry: string): string {
  const lines = registryKinds(registry)
    .sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0))
    .map((k) => `export { targets as ${k.name} } from './${k.folder}/targets';`);
  return `// Generated from app/layers/registry.ts by \`npm run layers:gen\`: do not edit (scripts/layers/kinds-index.ts).
// Each kind's targets; app/layers/targets.ts orders them as the registry does.
${lines.join('\n')}
`;
}
