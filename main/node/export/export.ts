/**
 * The host API of exports: plain async functions the CLI and the app's host call.
 * `exportProject` writes TensorFlow.js, ONNX and/or PyTorch files for a graph, with a run's
 * checkpoint or the freshly initialized (seeded) weights, reporting progress line by line.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { generateModelPy } from '../../../app/compiler/pytorch/model-py';
import { generateTrainPy } from '../../../app/compiler/pytorch/train-py';
import { settingsProblem } from '../../../app/training/project-settings';
import { projectBytesProblem } from '../../../app/graph/limits';
import { parseProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { checkExportRunMemory } from '../reliability/memory-budget';
import { injectExportFault } from '../reliability/fault';
import { commitExport } from './commit';
import { atomicWriteFile } from './files';
import { encodeOnnx } from './onnx';
import { writePytorch } from './pytorch';
import { writeTfjs } from './tfjs';
import { exportModel, type ExportModel } from './weights';
import { preprocessingFor } from './preprocessing';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { UNSUPPORTED_TYPE } from '../../../app/layers/unsupported/spec';
import { preprocessMetadata, type Preprocessing } from '../../../app/compiler/preprocess';

export const EXPORT_FORMATS = ['tfjs', 'onnx', 'pytorch', 'all'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  graph: Graph;
  format: ExportFormat;
  outDir: string;
  /** A run folder: its best checkpoint (else last); without it, fresh weights. */
  runDir?: string;
  which?: 'best' | 'last';
  /** Seed of the fresh weights (default: the project's training seed, else 0). */
  seed?: number;
  progress?: (line: string) => void;
  /** Bytes the export may use (default: 80% of the available memory); tests inject it. */
  memoryBudget?: number;
}

export interface ExportResult {
  files: string[];
  weights: string;
}

/** The graph a run was trained with (its graph.json), when the folder has one. */
export function runGraph(runDir: string): Result<Graph | undefined> {
  const path = join(runDir, 'graph.json');
  if (!existsSync(path)) return ok(undefined);
  try {
    const tooBig = projectBytesProblem(statSync(path).size);
    if (tooBig) return err(`${path}: ${tooBig}`);
    const g = parseProject(JSON.parse(readFileSync(path, 'utf8')));
    return g.ok ? ok(g.value) : err(`${path}: ${g.error}`);
  } catch (e) {
    return err(`${path} is not readable JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

export async function exportProject(o: ExportOptions): Promise<Result<ExportResult>> {
  const say = o.progress ?? (() => {});
  if (!(EXPORT_FORMATS as readonly string[]).includes(o.format))
    return err(`unknown format '${o.format}': use ${EXPORT_FORMATS.join(', ')}`);
  let graph = o.graph;
  let matching = false;
  if (o.runDir) {
    if (!existsSync(o.runDir)) return err(`run folder ${o.runDir} does not exist`);
    const g = runGraph(o.runDir);
    if (!g.ok) return g;
    if (g.value && g.value.nodes.some((n) => n.type === UNSUPPORTED_TYPE)) {
      // A partial import's run (partial-weights.ts): its graph has placeholders, the project's replaces them.
      const errors = analyzeGraph(graph).errors;
      if (errors.length > 0)
        return err(
          `the run ${o.runDir} holds the weights of a partial import, which go into the project's graph, and the graph has errors (${errors.length}), first: ${errors[0].message}`,
        );
      matching = true;
      say(
        `the run's graph.json has the import's placeholders: using the project's graph, with the run's weights matched by layer and shape`,
      );
    } else if (g.value) {
      graph = g.value;
      say(`using the graph the run was trained with (${join(o.runDir, 'graph.json')})`);
    }
  }
  // Everything that can be wrong with the project is found before a single file is written.
  const settings = settingsProblem(graph);
  if (settings) return err(`${settings} (netloom inspect lists the project's problems)`);
  if (o.format === 'all' || o.format === 'pytorch') {
    const code = generateModelPy(graph);
    if (!code.ok) return err(`PyTorch export: ${code.error}`);
    const train = generateTrainPy(graph);
    if (!train.ok) return err(`PyTorch export: ${train.error}`);
  }
  const memory = checkExportRunMemory(graph, o.format, o.memoryBudget);
  if (memory) return err(memory);
  const seed = o.seed ?? (typeof graph.training?.seed === 'number' ? graph.training.seed : 0);
  say(`building ${graph.name || 'Net'} on the cpu backend`);
  const m = await exportModel(graph, { runDir: o.runDir, seed, which: o.which, matching });
  if (!m.ok) return m;
  say(`weights: ${m.value.source}`);
  for (const line of m.value.unmatched ?? []) say(line);
  // Input shape, normalization and class names travel with every format (one input: images or tables).
  const pre =
    m.value.compiled.inputShapes.length === 1
      ? await preprocessingFor(graph, m.value.compiled.inputShapes[0], o.runDir)
      : null;
  if (pre && !pre.ok) say(`no preprocessing in the export: ${pre.error}`);
  const preprocessing = pre?.ok ? pre.value : undefined;
  if (preprocessing)
    say(
      `preprocessing: input [${preprocessing.input_shape.join(', ')}], ${preprocessing.mean ? `Normalize(mean=[${preprocessing.mean.map((v) => v.toFixed(4)).join(', ')}], std=[${(preprocessing.std ?? []).map((v) => v.toFixed(4)).join(', ')}])` : 'no normalization'}${preprocessing.classes ? `, ${preprocessing.classes.length} classes` : ''}`,
    );
  const all = o.format === 'all';
  try {
    const written = await commitExport(o.outDir, (staging) =>
      writeFormats(o, graph, m.value, staging, all, say, preprocessing),
    );
    if (!written.ok) return written;
    return ok({ files: written.value, weights: m.value.source });
  } catch (e) {
    return err(`cannot write to ${o.outDir}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    m.value.compiled.model.dispose();
  }
}

/** Writes every format asked for into `dir` (the staging folder); the paths written. */
async function writeFormats(
  o: ExportOptions,
  graph: Graph,
  m: ExportModel,
  dir: string,
  all: boolean,
  say: (line: string) => void,
  pre?: Preprocessing,
): Promise<Result<string[]>> {
  const files: string[] = [];
  const dirFor = (f: string) => (all ? join(dir, f) : dir);
  const shown = (p: string) => join(o.outDir, p.slice(dir.length + 1));
  if (all || o.format === 'tfjs') {
    const r = await writeTfjs(
      m.compiled,
      dirFor('tfjs'),
      { source: m.source, ...(pre ? { preprocessing: pre } : {}) },
      graph,
    );
    if (!r.ok) return r;
    files.push(...r.value);
    say(`tfjs: ${r.value.map(shown).join(', ')}`);
    injectExportFault('tfjs');
  }
  if (all || o.format === 'onnx') {
    const onnx = graphToOnnx(graph, new Map(m.state.map((e) => [e.name, e])), {
      source: m.source,
      ...(pre ? preprocessMetadata(pre) : {}),
    });
    if (!onnx.ok) return err(`ONNX export: ${onnx.error}`);
    mkdirSync(dirFor('onnx'), { recursive: true });
    const path = join(dirFor('onnx'), 'model.onnx');
    atomicWriteFile(path, encodeOnnx(onnx.value));
    files.push(path);
    say(`onnx: ${shown(path)} (opset ${onnx.value.opset}, ${onnx.value.graph.nodes.length} nodes)`);
    injectExportFault('onnx');
  }
  if (all || o.format === 'pytorch') {
    const r = writePytorch(
      graph,
      m.state,
      dirFor('pytorch'),
      (line) => {
        say(line);
        injectExportFault(line.replace(/^pytorch: (\S+).*$/, '$1'));
      },
      pre,
    );
    if (!r.ok) return r;
    files.push(...r.value.files);
  }
  return ok(files);
}
