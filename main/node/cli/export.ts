/**
 * `netloom export FILE [--run RUN_DIR] --format tfjs|onnx|pytorch|all --out DIR`: the project's
 * network as TensorFlow.js, ONNX or PyTorch files, with a run's weights or fresh seeded ones.
 * Exit 0 written, 1 invalid graph, 2 bad usage or unreadable input.
 */
import { analyzeGraph } from '../../../app/shapes/analyze';
import { settingsProblem } from '../../../app/training/project-settings';
import { basename, join } from 'node:path';
import { writeBundle } from '../export/bundle';
import { EXPORT_FORMATS, exportProject, type ExportFormat } from '../export/export';
import type { Command } from './main';
import { readProjectFile } from './project-file';
import { parseCommand } from './args';

const HELP = `usage: netloom export FILE --format tfjs|onnx|pytorch|all --out DIR [--run RUN_DIR] [--which best|last] [--seed N]

Writes the project's network with weights:
  tfjs     DIR/model.json + DIR/weights.bin (tf.loadLayersModel; register Netloom's custom layers first)
  onnx     DIR/model.onnx (opset 13; input "input" [N, C, H, W], output "output")
  pytorch  DIR/model.py (nn.Module classes, load()), DIR/model.safetensors, DIR/train.py (torchrun-ready)
  all      DIR/tfjs/, DIR/onnx/, DIR/pytorch/
  bundle   DIR/NAME.netloom-bundle.json: the project, its runs' metrics and checkpoints in one file
           (the runs beside the project, or the --run given); open it with netloom import
Weights: --run RUN_DIR uses the run's best checkpoint (--which last for the last one) and the graph it
was trained with; without --run, freshly initialized weights (PyTorch's init, seeded).
Exit status: 0 written, 1 invalid graph, 2 bad usage or unreadable input.`;

export const command: Command = {
  summary: 'export a project or run to TensorFlow.js, ONNX or PyTorch',
  async run(argv) {
    const args = parseCommand<{ format?: string; out?: string; run?: string; which?: string; seed?: string }>(
      'export',
      argv,
      {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        run: { type: 'string' },
        which: { type: 'string' },
        seed: { type: 'string' },
      },
      HELP,
    );
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    const fail = (msg: string, code = 2) => {
      console.error(`netloom export: ${msg}`);
      return code;
    };
    if (positionals.length !== 1) return fail('give exactly one project file (see netloom export --help)');
    if (!values.format || !([...EXPORT_FORMATS, 'bundle'] as string[]).includes(values.format))
      return fail(
        `--format must be one of ${[...EXPORT_FORMATS, 'bundle'].join(', ')}${values.format ? `, got '${values.format}'` : ''}`,
      );
    if (!values.out) return fail('--out DIR is required');
    if (values.which !== undefined && values.which !== 'best' && values.which !== 'last')
      return fail(`--which must be best or last, got '${values.which}'`);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0))
      return fail(`--seed must be a non-negative integer, got '${values.seed}'`);
    const file = positionals[0];
    const g = readProjectFile(file);
    if (!g.ok) return fail(g.error);
    if (values.format === 'bundle') {
      const out = join(values.out, `${basename(file).replace(/(\.netloom)?\.json$/i, '')}.netloom-bundle.json`);
      const b = writeBundle({
        projectPath: file,
        runDirs: values.run ? [values.run] : undefined,
        out,
        which: values.which as 'best' | 'last' | undefined,
      });
      if (!b.ok) return fail(b.error);
      console.log(`bundle: ${out} (project and ${b.value.runs} run(s))`);
      return 0;
    }
    const settings = settingsProblem(g.value);
    if (settings) return fail(`${file}: ${settings}`, 1);
    if (!values.run) {
      const a = analyzeGraph(g.value);
      if (a.errors.length > 0)
        return fail(`${file}: the graph has ${a.errors.length} error(s), first: ${a.errors[0].message}`, 1);
    }
    const started = Date.now();
    const r = await exportProject({
      graph: g.value,
      format: values.format as ExportFormat,
      outDir: values.out,
      runDir: values.run,
      which: values.which as 'best' | 'last' | undefined,
      seed,
      progress: (line) => console.log(line),
    });
    if (!r.ok) return fail(r.error.replace(/\s*\n\s*/g, ' '), /the graph has errors/.test(r.error) ? 1 : 2);
    console.log(
      `exported ${r.value.files.length} file(s) to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  },
};
