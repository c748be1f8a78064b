/**
 * Imports a model file onto an editable graph: ONNX (`.onnx`). Writes the project and, when the
 * file has weights, a run folder beside it (`<project>.runs/imported/`, graph.json + best/) so
 * `netloom export --run` and `netloom predict --run` use them.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import { serializeProject } from '../../../app/graph/schema';
import { importOnnx, type ImportResult } from '../../../app/importers/onnx';
import { err, ok, type Result } from '../../../app/result';
import { defaultRunsDir } from '../runs/run';
import { saveCheckpoint } from '../runs/checkpoint';
import { atomicWriteFile } from './files';
import { decodeOnnx } from './onnx';
import { cpuTf } from './tf-cpu';

export function importModelFile(path: string): Result<ImportResult> {
  if (!existsSync(path)) return err(`cannot read ${path}: no such file`);
  const ext = extname(path).toLowerCase();
  if (ext !== '.onnx') return err(`${path}: Netloom imports ONNX files (.onnx)`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return err(`cannot read ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const m = decodeOnnx(bytes);
  if (!m.ok) return err(`${path}: ${m.error}`);
  return importOnnx(m.value, path);
}

/** Writes the imported project (and its weights as a run folder). Returns the files written. */
export async function writeImported(r: ImportResult, projectPath: string): Promise<Result<{ project: string; runDir?: string }>> {
  atomicWriteFile(projectPath, serializeProject(r.graph));
  if (r.weights.length === 0) return ok({ project: projectPath });
  const tf = await cpuTf();
  const c = compileGraph(tf, r.graph, { seed: 0 });
  if (!c.ok) return err(`the imported graph does not compile: ${c.error}`);
  try {
    const set = setStateDict(tf, c.value, r.weights, defaultNamer);
    if (!set.ok) return err(`the imported weights do not fit: ${set.error}`);
    const runDir = join(defaultRunsDir(projectPath), 'imported');
    mkdirSync(runDir, { recursive: true });
    await saveCheckpoint(c.value, join(runDir, 'best'), { epoch: 0, imported: true });
    atomicWriteFile(join(runDir, 'graph.json'), serializeProject(r.graph));
    return ok({ project: projectPath, runDir });
  } finally {
    c.value.model.dispose();
  }
}
