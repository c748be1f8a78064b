/**
 * Everything in a bundle is checked before a single file of it is written: the project text
 * through the project schema, each run's id (a safe folder name, used once), its files (run.json and
 * settings.json JSON objects, graph.json a project), and each checkpoint through its manifest
 * (model.json parses with a topology and a weights manifest; the weights are valid base64 of
 * exactly the size the manifest declares). The first problem is one line naming the run and the fix.
 */
import { parseProjectText } from '../../../app/graph/schema';
import { HIDDEN_LAYERS, LAYERS } from '../../../app/layers/registry';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
const RUN_JSON = ['run.json', 'settings.json'] as const;

export interface CheckedRun {
  id: string;
  files?: Record<string, unknown>;
  checkpoint?: { kind?: unknown; modelJson?: unknown; weights?: unknown };
}

// The hidden kinds too: a partial import's project and run hold `Unsupported` placeholders (export/partial-weights.ts).
const layerTypes = () => [...LAYERS, ...HIDDEN_LAYERS].map((l) => l.type);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Bytes the weights manifest of a model.json declares, or an error. */
export function declaredWeightBytes(modelJson: unknown): number | string {
  if (!isObject(modelJson) || !isObject(modelJson.modelTopology)) return 'model.json has no modelTopology';
  const groups = modelJson.weightsManifest;
  if (!Array.isArray(groups) || groups.length === 0) return 'model.json has no weightsManifest';
  let total = 0;
  for (const g of groups) {
    if (!isObject(g) || !Array.isArray(g.weights)) return 'model.json has a malformed weightsManifest';
    for (const w of g.weights) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape))
        return 'model.json has a malformed weight entry';
      const dims = w.shape as unknown[];
      if (!dims.every((d) => Number.isSafeInteger(d) && (d as number) >= 0))
        return `model.json: weight '${w.name}' has a malformed shape`;
      const bytes = DTYPE_BYTES[typeof w.dtype === 'string' ? w.dtype : 'float32'];
      if (bytes === undefined)
        return `model.json: weight '${w.name}' has dtype ${JSON.stringify(w.dtype)}, not float32, int32 or bool`;
      total += dims.reduce((a: number, d) => a * (d as number), 1) * bytes;
      if (!Number.isSafeInteger(total)) return 'model.json declares more weights than a file can hold';
    }
  }
  return total;
}

/** Bytes of a base64 text, or null when it is not strict base64. */
function base64Bytes(text: string): number | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

function checkRun(r: CheckedRun): string | null {
  const files = r.files ?? {};
  if (!isObject(files)) return 'its files are not an object';
  for (const [name, text] of Object.entries(files)) {
    if (text !== undefined && typeof text !== 'string') return `${name} is not text`;
  }
  for (const name of RUN_JSON) {
    const text = files[name];
    if (typeof text === 'string' && !isObject(parseJson(text))) return `${name} is not a JSON object`;
  }
  if (typeof files['graph.json'] === 'string') {
    const g = parseProjectText(files['graph.json'], 'graph.json', { layerTypes: layerTypes() });
    if (!g.ok) return g.error;
  }
  const ck = r.checkpoint;
  if (ck === undefined) return null;
  if (!isObject(ck) || (ck.kind !== 'best' && ck.kind !== 'last'))
    return 'its checkpoint is malformed (kind must be best or last)';
  if (typeof ck.modelJson !== 'string' || typeof ck.weights !== 'string')
    return 'its checkpoint is malformed (modelJson and weights must be text)';
  const model = parseJson(ck.modelJson);
  if (model === undefined) return 'its checkpoint model.json is not JSON';
  const declared = declaredWeightBytes(model);
  if (typeof declared === 'string') return `its checkpoint ${declared}`;
  const bytes = base64Bytes(ck.weights);
  if (bytes === null) return 'its checkpoint weights are not valid base64';
  if (bytes !== declared) return `its checkpoint weights have ${bytes} bytes, its model.json declares ${declared}`;
  return null;
}

/** The first problem of a parsed bundle's content, as one line; null when everything is valid. */
export function checkBundleContent(file: string, b: { project: string; runs: unknown[] }): string | null {
  const seen = new Set<string>();
  for (const raw of b.runs) {
    const r = raw as CheckedRun | null;
    if (!isObject(r) || typeof r.id !== 'string' || !SAFE.test(r.id) || r.id.includes('..')) {
      return `${file}: run id ${JSON.stringify(isObject(r) ? r.id : r)} is not a safe folder name`;
    }
    if (seen.has(r.id)) return `${file}: run '${r.id}' appears twice: the bundle is damaged, export it again`;
    seen.add(r.id);
  }
  const p = parseProjectText(b.project, `${file}: project`, { layerTypes: layerTypes() });
  if (!p.ok) return `${p.error} (the bundle is damaged: export it again)`;
  for (const raw of b.runs) {
    const r = raw as CheckedRun;
    const problem = checkRun(r);
    if (problem) return `${file}: run '${r.id}': ${problem} (the bundle is damaged: export it again)`;
  }
  return null;
}
