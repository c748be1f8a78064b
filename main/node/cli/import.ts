/**
 * `netloom import MODEL.onnx -o PROJECT.json`: an ONNX model onto an editable graph (laid out
 * top-down); its weights go to a run folder beside the project (`<project>.runs/imported/`, the
 * same run folder the GUI's import writes, listed in the Runs tab).
 * Exit 0 imported, 2 bad usage, an unreadable or unsupported file (the operator and node named).
 */
import { existsSync } from 'node:fs';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { openBundle } from '../export/bundle';
import { importModelFile, writeImported } from '../export/import';
import type { Command } from './main';
import { parseCommand } from './args';

const HELP = `usage: netloom import MODEL.onnx|model.json|NAME.netloom-bundle.json -o PROJECT.json [--force]

Builds an editable Netloom project from an ONNX model (Conv, Gemm, BatchNormalization, pools, activations,
Flatten, Add, Concat, Resize, ...). The weights are written as a run (PROJECT.runs/imported/, listed in
the GUI's Runs tab) that netloom evaluate, export --run and predict --run read. A Keras/TensorFlow.js model.json imports the same way;
a .netloom-bundle.json (netloom export --format bundle) unpacks the project and its runs.
Exit status: 0 imported, 2 bad usage, unreadable file or unsupported operator.`;

export const command: Command = {
  summary: 'import an ONNX model as a project',
  async run(argv) {
    const args = parseCommand<{ output?: string; force?: boolean }>('import', argv, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } }, HELP);
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    const fail = (msg: string) => {
      console.error(`netloom import: ${msg.replace(/\s*\n\s*/g, ' ')}`);
      return 2;
    };
    if (positionals.length !== 1) return fail('give exactly one model file (see netloom import --help)');
    if (!values.output) return fail('-o PROJECT.json is required');
    if (existsSync(values.output) && !values.force) return fail(`${values.output} exists; use --force to overwrite it`);
    if (/\.netloom-bundle\.json$/i.test(positionals[0])) {
      const b = openBundle(positionals[0], values.output);
      if (!b.ok) return fail(b.error);
      console.log(`wrote ${b.value.project} and ${b.value.runDirs.length} run(s)${b.value.runDirs.length ? `: ${b.value.runDirs.join(', ')}` : ''}`);
      return 0;
    }
    const r = await importModelFile(positionals[0]);
    if (!r.ok) return fail(r.error);
    const a = analyzeGraph(r.value.graph);
    const w = await writeImported(r.value, values.output, positionals[0]);
    if (!w.ok) return fail(w.error);
    for (const n of r.value.notes) console.log(`note: ${n}`);
    console.log(`wrote ${w.value.project}: ${r.value.graph.nodes.length} nodes, ${a.totalParams.toLocaleString('en-US')} parameters${w.value.runDir ? `; weights in ${w.value.runDir}` : ''}`);
    return 0;
  },
};
