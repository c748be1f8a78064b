/**
 * `netloom import MODEL.onnx -o PROJECT.json`: an ONNX model onto an editable graph (laid out
 * top-down); its weights go to a run folder beside the project (`<project>.runs/imported/`, the
 * same run folder the GUI's import writes, listed in the Runs tab).
 * --partial leaves an ONNX operator without a kind as a placeholder (an error on the canvas); the
 * other layers' weights still go to the run (export/partial-weights.ts).
 * Exit 0 imported, 2 bad usage, an unreadable or unsupported file (the operator and node named).
 */
import { existsSync } from 'node:fs';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { openBundle } from '../export/bundle';
import { importModelFile, writeImported } from '../export/import';
import { importPython } from '../pyimport';
import { findPython } from '../pyimport/python';
import type { Command } from './main';
import { parseCommand } from './args';

const HELP = `usage: netloom import MODEL.onnx|model.json|NAME.netloom-bundle.json -o PROJECT.json [--force] [--partial]
       netloom import model.py | --module NAME [--class NAME] [--args JSON] [--input-shape C,H,W]
                      [--weights FILE.safetensors] [--static] [--timeout SECONDS] -o PROJECT.json

Builds an editable Netloom project from an ONNX model (Conv, Gemm, BatchNormalization, pools, activations,
Flatten, Add, Concat, Resize, ...). The weights are written as a run (PROJECT.runs/imported/, listed in
the GUI's Runs tab) that netloom evaluate, export --run and predict --run read. A Keras/TensorFlow.js model.json imports the same way;
a .netloom-bundle.json (netloom export --format bundle) unpacks the project and its runs.
--partial (ONNX): an operator Netloom cannot map becomes an Unsupported placeholder with the output
shape the file records, shown as an error on the canvas, and the rest imports; replace it before
compiling, exporting or training (a warning line per placeholder; exit 0). The other layers' weights
are written to the run all the same; export --run takes them into the project once it is replaced.

PyTorch code (.py, or an importable module with --module) becomes the same module tree: by default
your Python (NETLOOM_PYTHON, else a python3 with torch) runs the code in its own process and traces
forward with torch.fx (timeout --timeout, default 120 s; memory NETLOOM_PYTHON_MEMORY_MB, default 4096);
--static reads a common subset of the code without running anything. --class picks the nn.Module
class or factory function (default: the only class no other one uses), --args its constructor
arguments, --input-shape the per-sample input (default [in_features] when forward starts with a
Linear), --weights a state dict (.safetensors) to import with it.
Exit status: 0 imported, 2 bad usage, unreadable file or unsupported operator.`;

export const command: Command = {
  summary: 'import an ONNX model as a project',
  async run(argv) {
    const args = parseCommand<PyFlags & { output?: string; force?: boolean; partial?: boolean }>(
      'import',
      argv,
      {
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        partial: { type: 'boolean' },
        ...PY_OPTIONS,
      },
      HELP,
    );
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    const fail = (msg: string) => {
      console.error(`netloom import: ${msg.replace(/\s*\n\s*/g, ' ')}`);
      return 2;
    };
    const python = values.module !== undefined || /\.py$/i.test(positionals[0] ?? '');
    if (positionals.length !== (values.module !== undefined ? 0 : 1))
      return fail(
        values.module !== undefined
          ? 'give either a file or --module, not both'
          : 'give exactly one model file (see netloom import --help)',
      );
    if (!values.output) return fail('-o PROJECT.json is required');
    if (existsSync(values.output) && !values.force) return fail(`${values.output} exists; use --force to overwrite it`);
    if (!python && Object.keys(PY_OPTIONS).some((k) => values[k as keyof PyFlags] !== undefined))
      return fail(
        '--class, --args, --input-shape, --weights, --static and --timeout are for PyTorch code (.py or --module)',
      );
    if (values.partial && !/\.onnx$/i.test(positionals[0] ?? ''))
      return fail('--partial is for ONNX models (.onnx): other formats import whole or not at all');
    if (python) return importPy(positionals[0], values, values.output, fail);
    if (/\.netloom-bundle\.json$/i.test(positionals[0])) {
      const b = openBundle(positionals[0], values.output);
      if (!b.ok) return fail(b.error);
      console.log(
        `wrote ${b.value.project} and ${b.value.runDirs.length} run(s)${b.value.runDirs.length ? `: ${b.value.runDirs.join(', ')}` : ''}`,
      );
      return 0;
    }
    const r = await importModelFile(positionals[0], { partial: values.partial });
    if (!r.ok) return fail(r.error);
    const a = analyzeGraph(r.value.graph);
    const w = await writeImported(r.value, values.output, positionals[0]);
    if (!w.ok) return fail(w.error);
    for (const n of r.value.notes) console.log(`note: ${n}`);
    for (const p of r.value.placeholders ?? []) console.log(`warning: ${p}`);
    if ((r.value.placeholders ?? []).length > 0 && w.value.runDir)
      console.log(
        `note: the weights of every other layer are in ${w.value.runDir}; once the placeholders are replaced, netloom export ${values.output} --run ${w.value.runDir} (or the GUI's Export with the run "imported") writes them with the project's graph`,
      );
    console.log(
      `wrote ${w.value.project}: ${r.value.graph.nodes.length} nodes, ${a.totalParams.toLocaleString('en-US')} parameters${w.value.runDir ? `; weights in ${w.value.runDir}` : ''}`,
    );
    return 0;
  },
};

interface PyFlags {
  module?: string;
  class?: string;
  args?: string;
  'input-shape'?: string;
  weights?: string;
  static?: boolean;
  timeout?: string;
}

const PY_OPTIONS = {
  module: { type: 'string' },
  class: { type: 'string' },
  args: { type: 'string' },
  'input-shape': { type: 'string' },
  weights: { type: 'string' },
  static: { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

/** `netloom import model.py` / `--module NAME`: PyTorch code through the trace or the static reader. */
async function importPy(
  file: string | undefined,
  v: PyFlags,
  output: string,
  fail: (msg: string) => number,
): Promise<number> {
  if (file !== undefined && !existsSync(file)) return fail(`cannot read ${file}: no such file`);
  let inputShape: number[] | undefined;
  if (v['input-shape'] !== undefined) {
    inputShape = v['input-shape']
      .split(/[,x ]+/)
      .filter(Boolean)
      .map(Number);
    if (inputShape.length === 0 || inputShape.some((d) => !Number.isInteger(d) || d < 1))
      return fail(`--input-shape ${v['input-shape']}: give positive integers per sample, as 1,28,28 or 784`);
  }
  const timeoutS = v.timeout === undefined ? undefined : Number(v.timeout);
  if (timeoutS !== undefined && !(timeoutS > 0))
    return fail(`--timeout ${v.timeout}: give a number of seconds above 0`);
  if (v.args !== undefined) {
    try {
      JSON.parse(v.args);
    } catch (e) {
      return fail(
        `--args is not JSON (${e instanceof Error ? e.message : String(e)}): give it as '{"num_classes": 10}'`,
      );
    }
  }
  const source = v.module ?? file ?? '';
  if (!v.static)
    console.log(
      `running ${source} with ${(await findPython()).path} to trace it with torch.fx (the code runs; --static reads it without running)`,
    );
  const r = await importPython({
    file,
    module: v.module,
    className: v.class,
    args: v.args,
    inputShape,
    weights: v.weights,
    static: v.static,
    timeoutS,
  });
  if (!r.ok) return fail(r.error);
  const a = analyzeGraph(r.value.graph);
  const w = await writeImported(r.value, output, v.weights ?? source);
  if (!w.ok) return fail(w.error);
  for (const n of r.value.notes) console.log(`note: ${n}`);
  for (const e of a.errors.slice(0, 3)) console.log(`note: ${e.message}`);
  console.log(
    `wrote ${w.value.project} (${r.value.reader} reader): ${r.value.graph.nodes.length} nodes, ${a.totalParams.toLocaleString('en-US')} parameters${w.value.runDir ? `; weights in ${w.value.runDir}` : ''}`,
  );
  return 0;
}
