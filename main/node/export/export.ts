/**
 * The host API of exports: plain async functions the CLI and the app's host call.
 * `exportProject` writes TensorFlow.js, ONNX and/or PyTorch files for a graph, with a run's
 * checkpoint or the freshly initialized (seeded) weights, reporting progress line by line.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { parseProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { atomicWriteFile } from './files';
import { encodeOnnx } from './onnx';
import { writePytorch } from './pytorch';
import { writeTfjs } from './tfjs';
import { exportModel } from './weights';
import { preprocessingFor } from './preprocessing';
import { preprocessMetadata } from '../../../app/compiler/preprocess';

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
    const g = parseProject(JSON.parse(readFileSync(path, 'utf8')));
    return g.ok ? ok(g.value) : err(`${path}: ${g.error}`);
  } catch (e) {
    return err(`${path} is not readable JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

export async function exportProject(o: ExportOptions): Promise<Result<ExportResult>> {
  const say = o.progress ?? (() => {});
  if (!(EXPORT_FORMATS as readonly string[]).includes(o.format)) return err(`unknown format '${o.format}': use ${EXPORT_FORMATS.join(', ')}`);
  let graph = o.graph;
  if (o.runDir) {
    if (!existsSync(o.runDir)) return err(`run folder ${o.runDir} does not exist`);
    const g = runGraph(o.runDir);
    if (!g.ok) return g;
    if (g.value) {
      graph = g.value;
      say(`using the graph the run was trained with (${join(o.runDir, 'graph.json')})`);
    }
  }
  const seed = o.seed ?? (typeof graph.training?.seed === 'number' ? graph.training.seed : 0);
  say(`building ${graph.name || 'Net'} on the cpu backend`);
  const m = await exportModel(graph, { runDir: o.runDir, seed, which: o.which });
  if (!m.ok) return m;
  say(`weights: ${m.value.source}`);
  // Input shape, normalization and class names travel with every format (one input: images or tables).
  const pre = m.value.compiled.inputShapes.length === 1 ? await preprocessingFor(graph, m.value.compiled.inputShapes[0], o.runDir) : null;
  if (pre && !pre.ok) say(`no preprocessing in the export: ${pre.error}`);
  const preprocessing = pre?.ok ? pre.value : undefined;
  if (preprocessing) say(`preprocessing: input [${preprocessing.input_shape.join(', ')}], ${preprocessing.mean ? `Normalize(mean=[${preprocessing.mean.map((v) => v.toFixed(4)).join(', ')}], std=[${(preprocessing.std ?? []).map((v) => v.toFixed(4)).join(', ')}])` : 'no normalization'}${preprocessing.classes ? `, ${preprocessing.classes.length} classes` : ''}`);
  const files: string[] = [];
  const all = o.format === 'all';
  const dirFor = (f: string) => (all ? join(o.outDir, f) : o.outDir);
  try {
    mkdirSync(o.outDir, { recursive: true });
    if (all || o.format === 'tfjs') {
      const r = await writeTfjs(m.value.compiled, dirFor('tfjs'), { source: m.value.source, ...(preprocessing ? { preprocessing } : {}) }, graph);
      if (!r.ok) return r;
      files.push(...r.value);
      say(`tfjs: ${r.value.join(', ')}`);
    }
    if (all || o.format === 'onnx') {
      const onnx = graphToOnnx(graph, new Map(m.value.state.map((e) => [e.name, e])), { source: m.value.source, ...(preprocessing ? preprocessMetadata(preprocessing) : {}) });
      if (!onnx.ok) return err(`ONNX export: ${onnx.error}`);
      mkdirSync(dirFor('onnx'), { recursive: true });
      const path = join(dirFor('onnx'), 'model.onnx');
      atomicWriteFile(path, encodeOnnx(onnx.value));
      files.push(path);
      say(`onnx: ${path} (opset ${onnx.value.opset}, ${onnx.value.graph.nodes.length} nodes)`);
    }
    if (all || o.format === 'pytorch') {
      const r = writePytorch(graph, m.value.state, dirFor('pytorch'), say, preprocessing);
      if (!r.ok) return r;
      files.push(...r.value.files);
    }
  } catch (e) {
    return err(`cannot write to ${o.outDir}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    m.value.compiled.model.dispose();
  }
  return ok({ files, weights: m.value.source });
}
