/**
 * Imports a model file onto an editable graph: ONNX (`.onnx`) or Keras/TensorFlow.js `model.json`.
 * Writes the project and, when the file has weights, a run folder beside it
 * (`<project>.runs/imported/`: graph.json, settings.json, run.json, best/), the same for the CLI
 * and the GUI, so the Runs tab lists it and `netloom evaluate`, `export --run`, `predict --run` use it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, getStateDict, setStateDict } from '../../../app/compiler/tfjs/statedict';
import { parseDatasetSettings } from '../../../app/data/settings';
import { parseProject, serializeProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { importKeras, type KerasWeights } from '../../../app/importers/keras';
import { importOnnx, type OnnxImportOptions, type ImportResult } from '../../../app/importers/onnx';
import { err, ok, type Result } from '../../../app/result';
import { parseTrainingSettings } from '../../../app/training/settings';
import { defaultRunsDir, writeRunInfo } from '../runs/run';
import { saveCheckpoint } from '../runs/checkpoint';
import { atomicWriteFile } from './files';
import { decodeOnnx } from './onnx';
import { cpuTf } from './tf-cpu';
import { savePartialCheckpoint } from './partial-weights';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { buildModuleTree } from '../../../app/modules/tree';
import { UNSUPPORTED_TYPE } from '../../../app/layers/unsupported/spec';

export async function importModelFile(path: string, options: OnnxImportOptions = {}): Promise<Result<ImportResult>> {
  if (!existsSync(path)) return err(`cannot read ${path}: no such file`);
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    try {
      return await importKerasFile(path);
    } catch (e) {
      return err(
        `${path} is not a Keras/TensorFlow.js model.json Netloom can read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
      );
    }
  }
  if (ext !== '.onnx') return err(`${path}: Netloom imports ONNX files (.onnx) and Keras/TensorFlow.js model.json`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return err(`cannot read ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const m = decodeOnnx(bytes);
  if (!m.ok) return err(`${path}: ${m.error}`);
  return importOnnx(m.value, path, options);
}

/**
 * Writes the imported project and, when there are weights, its run folder `<project>.runs/imported/`
 * (see writeImportedRun). `source` is the model file, named in the run's message. Used by both
 * `netloom import` and the host's `import.file`. Returns the files written.
 */
export async function writeImported(
  r: ImportResult,
  projectPath: string,
  source: string,
): Promise<Result<{ project: string; runDir?: string }>> {
  try {
    mkdirSync(dirname(resolve(projectPath)), { recursive: true });
    atomicWriteFile(projectPath, serializeProject(r.graph));
  } catch (e) {
    return err(`cannot write ${projectPath}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (r.weights.length === 0) return ok({ project: projectPath });
  const tf = await cpuTf();
  if ((r.placeholders ?? []).length > 0) return writePartialRun(tf, r, projectPath, source);
  const c = compileGraph(tf, r.graph, { seed: 0, initialize: false });
  if (!c.ok) return err(`the imported graph does not compile: ${c.error}`);
  try {
    const set = setStateDict(tf, c.value, r.weights, defaultNamer);
    if (!set.ok) return err(`the imported weights do not fit: ${set.error}`);
    const runDir = join(defaultRunsDir(projectPath), 'imported');
    mkdirSync(runDir, { recursive: true });
    await saveCheckpoint(c.value, join(runDir, 'best'), { epoch: 0, imported: true });
    const run = writeImportedRun(runDir, r.graph, projectPath, source);
    if (!run.ok) return run;
    return ok({ project: projectPath, runDir });
  } catch (e) {
    return err(
      `cannot write the imported run beside ${projectPath}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  } finally {
    c.value.model.dispose();
  }
}

/**
 * A partial import's run: the graph has placeholders and does not compile, so each mapped layer's
 * weights are saved as compiled alone (partial-weights.ts); graph.json keeps the placeholders (what
 * was imported), and an export with this run takes the project's graph once they are replaced.
 */
async function writePartialRun(
  tf: Tf,
  r: ImportResult,
  projectPath: string,
  source: string,
): Promise<Result<{ project: string; runDir?: string }>> {
  try {
    const runDir = join(defaultRunsDir(projectPath), 'imported');
    mkdirSync(runDir, { recursive: true });
    const names = placeholderNames(r.graph);
    const saved = await savePartialCheckpoint(tf, r.graph, r.weights, join(runDir, 'best'), {
      epoch: 0,
      imported: true,
      placeholders: names,
    });
    if (!saved.ok) return err(`the imported weights cannot be written: ${saved.error}`);
    const run = writeImportedRun(
      runDir,
      r.graph,
      projectPath,
      source,
      `weights imported from ${basename(source)} except the placeholder${names.length > 1 ? 's' : ''} ${names.join(', ')} (no parameters): replace ${names.length > 1 ? 'them' : 'it'} in the project, then export with this run`,
    );
    if (!run.ok) return run;
    return ok({ project: projectPath, runDir });
  } catch (e) {
    return err(
      `cannot write the imported run beside ${projectPath}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
}

/** The placeholders' module paths (`layer1.erf`), as their errors name them. */
export function placeholderNames(graph: Graph): string[] {
  const tree = buildModuleTree(graph);
  return graph.nodes
    .filter((n) => n.type === UNSUPPORTED_TYPE)
    .map((n) => tree.byNode.get(n.id)?.path || n.name || n.id);
}

/**
 * The files that make `runDir` (holding `best/`) a run: graph.json; settings.json with the
 * project's (default) training and dataset settings, which evaluation and Try it use; run.json
 * (status completed, 0 epochs), which the Runs tab's lister (runs.list) reads.
 */
export function writeImportedRun(
  runDir: string,
  graph: Graph,
  projectPath: string,
  source: string,
  message = `weights imported from ${basename(source)}`,
): Result<void> {
  const training = parseTrainingSettings(graph.training ?? {});
  if (!training.ok) return err(`the imported project's training settings: ${training.error}`);
  const dataset = parseDatasetSettings(graph.dataset ?? {});
  if (!dataset.ok) return err(`the imported project's dataset settings: ${dataset.error}`);
  atomicWriteFile(join(runDir, 'graph.json'), serializeProject(graph));
  atomicWriteFile(
    join(runDir, 'settings.json'),
    `${JSON.stringify({ training: { ...training.value, seed: 0 }, dataset: dataset.value }, null, 2)}\n`,
  );
  const now = new Date().toISOString();
  writeRunInfo(runDir, {
    id: 'imported',
    status: 'completed',
    message,
    backend: null,
    created_at: now,
    started_at: now,
    finished_at: now,
    epochs_done: 0,
    seed: 0,
    best: null,
    project: basename(projectPath),
  });
  return ok(undefined);
}

/** A Keras/TensorFlow.js model.json with the weight files its manifest names (float32). */
async function importKerasFile(path: string): Promise<Result<ImportResult>> {
  let json: {
    userDefinedMetadata?: { netloom?: { project?: unknown } };
    modelTopology?: unknown;
    weightsManifest?: { paths?: string[]; weights?: { name: string; shape: number[]; dtype?: string }[] }[];
  };
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return err(`${path} is not a readable model.json: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (json === null || typeof json !== 'object') return err(`${path} is not a model.json (not a JSON object)`);
  const weights: KerasWeights = new Map();
  for (const group of json.weightsManifest ?? []) {
    let bin: Buffer;
    try {
      bin = Buffer.concat(
        (group.paths ?? []).map((p) => readFileSync(join(dirname(path), String(p).replace(/^.*[\\/]/, '')))),
      );
    } catch (e) {
      return err(`weights of ${path} cannot be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const specs = group.weights ?? [];
    const need = specs.reduce((a, s) => a + s.shape.reduce((x, y) => x * y, 1) * 4, 0);
    if (specs.some((s) => (s.dtype ?? 'float32') !== 'float32'))
      return err(`weights of ${path}: only float32 weights are imported`);
    if (bin.length !== need)
      return err(
        `weights of ${path} have ${bin.length} bytes, the manifest needs ${need}: the files do not belong together`,
      );
    let off = 0;
    for (const s of specs) {
      const n = s.shape.reduce((x, y) => x * y, 1);
      const values = new Float32Array(bin.buffer.slice(bin.byteOffset + off, bin.byteOffset + off + n * 4));
      weights.set(s.name, { shape: s.shape, values });
      off += n * 4;
    }
  }
  if (json.userDefinedMetadata?.netloom?.project === undefined) return importKeras(json, weights, path);
  const own = await importNetloomTfjs(path, json, weights);
  if (own.ok) return own;
  // A Netloom export whose project does not match its topology: the topology is read, and the reason kept.
  const r = importKeras(json, weights, path);
  return r.ok ? ok({ ...r.value, notes: [...r.value.notes, own.error] }) : err(`${r.error} (${own.error})`);
}

/**
 * Netloom's own TensorFlow.js export carries its project (`userDefinedMetadata.netloom.project`).
 * It is taken only when it compiles to exactly the file's topology (every layer's class and
 * configuration) and every weight in the file fits a weight of that model; then the graph comes
 * back as it was (modules, names, shared modules) and the weights in PyTorch's layout.
 */
async function importNetloomTfjs(
  path: string,
  json: { userDefinedMetadata?: { netloom?: { project?: unknown } }; modelTopology?: unknown },
  weights: KerasWeights,
): Promise<Result<ImportResult>> {
  const project = parseProject(json.userDefinedMetadata?.netloom?.project, path);
  if (!project.ok)
    return err(
      `the Netloom project inside ${path} is not valid (${project.error}); the Keras topology was read instead`,
    );
  const tf = await cpuTf();
  const c = compileGraph(tf, project.value, { seed: 0, initialize: false });
  if (!c.ok)
    return err(`the Netloom project inside ${path} does not compile (${c.error}); the Keras topology was read instead`);
  try {
    const mine = layerConfigs(c.value.model.toJSON(null, false));
    const theirs = layerConfigs(json.modelTopology);
    const differs = mine.findIndex((l, i) => l !== theirs[i]);
    if (differs >= 0 || mine.length !== theirs.length)
      return err(
        `the Netloom project inside ${path} does not match its topology (layer ${differs >= 0 ? differs : Math.min(mine.length, theirs.length)}); the Keras topology was read instead`,
      );
    const used = new Set<string>();
    for (const layer of c.value.model.layers) {
      const vars = layer.weights;
      if (vars.length === 0) continue;
      const values = vars.map((v) => {
        const w = weights.get(v.originalName);
        if (!w || w.shape.join(',') !== v.shape.join(','))
          throw new Error(
            `weight ${v.originalName} is ${w ? `[${w.shape.join(', ')}], the layer needs [${v.shape.join(', ')}]` : 'missing'}`,
          );
        used.add(v.originalName);
        return tf.tensor(w.values, w.shape);
      });
      layer.setWeights(values);
      tf.dispose(values);
    }
    const extra = [...weights.keys()].find((k) => !used.has(k));
    if (extra)
      return err(
        `${path} has a weight ${extra} its Netloom project has no place for; the Keras topology was read instead`,
      );
    const state =
      weights.size > 0
        ? getStateDict(tf, c.value, defaultNamer).map((e) => ({ name: e.name, shape: e.shape, values: e.values }))
        : [];
    return ok({ graph: project.value, weights: state, notes: [] });
  } catch (e) {
    return err(
      `the weights of ${path} do not fit its Netloom project (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  } finally {
    c.value.model.dispose();
  }
}

/** Each layer's class and configuration, comparable as text (layer names included: they tie the weights to the nodes). */
function layerConfigs(topology: unknown): string[] {
  let t = topology as { model_config?: unknown; config?: { layers?: unknown[] } } | undefined;
  if (t && typeof t.model_config === 'object') t = t.model_config as typeof t;
  const layers = t?.config?.layers;
  return Array.isArray(layers) ? layers.map((l) => JSON.stringify(l)) : [];
}
