import { z } from 'zod';
import { HIDDEN_LAYERS, LAYERS } from '../layers/registry';
import { err, ok, type Result } from '../result';
import type { Graph } from './types';
import { checkIntegrity } from './integrity';
import { parseJsonText } from './json-text';
import { countProblem, moduleDepthProblem } from './limits';
import { CURRENT_VERSION, migrateDocument, type Migration } from './migrate';
import { classNameProblem } from './names';

export { serializeProject } from './serialize';
export { CURRENT_VERSION } from './migrate';

/** Free-form values (params, settings) may nest at most this deep, and hold at most this many values. */
export const MAX_DEPTH = 32;
export const MAX_VALUES = 100_000;
/** Highest input port; Concat of DenseNet-121 needs 33. */
export const MAX_PORT = 4096;

/** Why a free-form record is not plain JSON data, or null. Iterative and bounded: cycles and deep nesting end. */
function recordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an object ({...})';
  const stack: [unknown, number][] = [[value, 0]];
  let seen = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (++seen > MAX_VALUES) return `more than ${MAX_VALUES} values: this is not a layer's settings`;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') continue;
    if (typeof v !== 'object') return `holds a ${typeof v}, which is not JSON data`;
    if (depth >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels: flatten it`;
    for (const x of Array.isArray(v) ? v : Object.values(v as object)) stack.push([x, depth + 1]);
  }
  return null;
}

const record = z
  .custom<Record<string, unknown>>(() => true)
  .superRefine((v, ctx) => {
    const problem = recordProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const id = z.string().min(1, 'empty id: give it an id');
const finite = z.number();

const nodeSchema = z.object({
  id,
  type: z.string().min(1, 'empty layer type: use a PyTorch class name such as Conv2d'),
  params: record.optional().default({}),
  position: z.object({ x: finite, y: finite }).optional().default({ x: 0, y: 0 }),
  parent: id.optional(),
  name: z.string().optional(),
  shares: id.optional(),
  functional: z.boolean().optional(),
});

const edgeSchema = z.object({
  id,
  source: id,
  target: id,
  targetPort: z.number().int().min(0).max(MAX_PORT).optional(),
  /** Optional since format 1: files without it read every edge as leaving output 0. */
  sourcePort: z.number().int().min(0).max(MAX_PORT).optional(),
});

const moduleSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['Sequential', 'Module']),
  className: z.string().optional(),
  parent: id.optional(),
  collapsed: z.boolean().optional(),
});

const runSchema = z.object({
  id,
  dir: z.string(),
  createdAt: z.string(),
  status: z.enum(['running', 'completed', 'stopped', 'failed']).optional(),
  summary: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
});

/** The zod schema of the current format (after migration). */
export const projectSchema = z.object({
  format: z.literal('netloom'),
  version: z.literal(CURRENT_VERSION),
  name: z.string().optional().default('Net'),
  description: z.string().optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  modules: z.array(moduleSchema).optional().default([]),
  training: record.optional(),
  dataset: record.optional(),
  runs: z.array(runSchema).optional(),
  /** Optional since format 1 (files without it read as nothing silenced); unknown keys inside are dropped. */
  doctor: z.object({ silenced: z.array(z.string().max(200)).max(1000).optional() }).optional(),
});

// The schema's output must be a Graph (compile-time check).
const _sameShape = (g: z.output<typeof projectSchema>): Graph => g;
void _sameShape;

export interface ParseOptions {
  /** Layer types accepted in `nodes[i].type`; default: every kind of the layer registry. */
  layerTypes?: readonly string[];
  /** Migrations to apply (tests register their own); default: the real ones. */
  migrations?: readonly Migration[];
}

/** `nodes[3].type` from zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    const key = String(p).length > 40 ? `${String(p).slice(0, 40)}…` : String(p);
    out += typeof p === 'number' ? `[${p}]` : out === '' ? key : `.${key}`;
  }
  return out;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} (too large, or not a number)`;
  if (typeof v === 'string') return v.length > 40 ? `"${v.slice(0, 40)}…"` : JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v = doc;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function issueText(issue: z.core.$ZodIssue, doc: unknown): string {
  const got = valueAt(doc, issue.path);
  if (issue.code === 'invalid_type') {
    if (got === undefined) return `missing: add it (${issue.expected})`;
    return `expected ${issue.expected}, got ${describe(got)}`;
  }
  if (issue.code === 'too_big' || issue.code === 'too_small')
    return `${issue.message.replace(/^Too (big|small): /, '')}, got ${describe(got)}`;
  return issue.message.replace(/^Invalid (input|option): /, '');
}

/**
 * Validates a parsed JSON document as a Netloom project: format marker, version (migrating older
 * ones), schema, layer types, file-level integrity. The error is one line naming the file, the JSON
 * path and the fix. Never throws, whatever `json` is.
 */
export function parseProject(json: unknown, fileName = 'project', options: ParseOptions = {}): Result<Graph> {
  const fail = (path: string, message: string) =>
    err(oneLine(path ? `${fileName}: ${path}: ${message}` : `${fileName}: ${message}`));
  try {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return fail('', `not a Netloom project (expected a JSON object with "format": "netloom", got ${describe(json)})`);
    }
    const raw = json as Record<string, unknown>;
    if (raw.format !== 'netloom') return fail('', 'not a Netloom project (missing "format": "netloom")');
    const tooMany = countProblem(raw);
    if (tooMany) return fail(tooMany.path, tooMany.message);
    const migrated = migrateDocument(raw, { migrations: options.migrations });
    if (!migrated.ok) return fail('', migrated.error);
    const parsed = projectSchema.safeParse(migrated.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(formatPath(issue.path), issueText(issue, migrated.value));
    }
    const graph: Graph = parsed.data;
    const known = options.layerTypes ?? LAYERS.map((l) => l.type);
    {
      // A project may hold a hidden kind (the placeholder of netloom import --partial), never offered in the list.
      const set = new Set(options.layerTypes ? known : [...known, ...HIDDEN_LAYERS.map((l) => l.type)]);
      const bad = graph.nodes.findIndex((n) => !set.has(n.type));
      if (bad >= 0) {
        const t = graph.nodes[bad].type;
        return fail(
          `nodes[${bad}].type`,
          `unknown layer type ${describe(t).replace(/^"|"$/g, "'")} (known: ${known.join(', ')})`,
        );
      }
    }
    const rootName = classNameProblem(graph.name);
    if (rootName) return fail('name', `root class name ${rootName}`);
    const problem = checkIntegrity(graph) ?? moduleDepthProblem(graph);
    if (problem) return fail(problem.path, problem.message);
    return ok(graph);
  } catch (e) {
    // Only reachable through exotic objects (throwing getters, proxies): still a value, not a crash.
    return fail('', `cannot read the document (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

/** Escapes line breaks and control characters (ids and names come from the file), so the error stays one line. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Parses project file text: JSON syntax errors give the line and column. */
export function parseProjectText(text: string, fileName: string, options: ParseOptions = {}): Result<Graph> {
  const json = parseJsonText(text);
  if (!json.ok) return err(oneLine(`${fileName}: ${json.error}`));
  return parseProject(json.value, fileName, options);
}

/** A new project: one Input node of shape [1, 28, 28] and the synthetic dataset. */
export function emptyProject(): Graph {
  return {
    format: 'netloom',
    version: CURRENT_VERSION,
    name: 'Net',
    nodes: [{ id: 'input', type: 'Input', params: { shape: [1, 28, 28] }, position: { x: 0, y: 0 } }],
    edges: [],
    modules: [],
    dataset: { name: 'synthetic' },
  };
}
