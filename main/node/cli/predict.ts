/**
 * `netloom predict FILE --run RUN_DIR --input PATH [--top K] [--output out.npy]`: a trained run's
 * top classes and probabilities for an image or a .npy tensor, or its raw outputs as .npy.
 * Exit 0 done, 2 bad usage or unreadable input.
 */
import { writeFileSync } from 'node:fs';
import { encodeNpy } from '../../../app/importers/npy';
import { predictRun } from '../export/predict';
import type { Command } from './main';
import { readProjectFile } from './project-file';
import { parseCommand } from './args';

const HELP = `usage: netloom predict FILE --run RUN_DIR --input PATH [--top K] [--which best|last] [--output out.npy]

Runs a trained run's network (its best checkpoint, or --which last) on an image (.png, .jpg, ...: resized to
the input size, grey or RGB as the network takes it, normalized as the training data was) or on a .npy
tensor ([C, H, W] or [N, C, H, W], float32/float64/uint8). Prints the top K classes with probabilities per
sample (softmax of the outputs), or writes the raw outputs to --output as a float32 .npy.
Exit status: 0 done, 2 bad usage or unreadable input.`;

export const command: Command = {
  summary: 'predict with a trained run',
  async run(argv) {
    const args = parseCommand<{ run?: string; input?: string; top?: string; which?: string; output?: string }>(
      'predict',
      argv,
      {
        run: { type: 'string' },
        input: { type: 'string', short: 'i' },
        top: { type: 'string' },
        which: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      HELP,
    );
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    const fail = (msg: string) => {
      console.error(`netloom predict: ${msg.replace(/\s*\n\s*/g, ' ')}`);
      return 2;
    };
    if (positionals.length !== 1) return fail('give exactly one project file (see netloom predict --help)');
    if (!values.run) return fail('--run RUN_DIR is required');
    if (!values.input) return fail('--input PATH is required (an image or a .npy file)');
    const top = values.top === undefined ? 5 : Number(values.top);
    if (!(Number.isInteger(top) && top > 0)) return fail(`--top must be a positive integer, got '${values.top}'`);
    if (values.which !== undefined && values.which !== 'best' && values.which !== 'last')
      return fail(`--which must be best or last, got '${values.which}'`);
    const project = readProjectFile(positionals[0]);
    if (!project.ok) return fail(project.error);
    const r = await predictRun({
      runDir: values.run,
      input: values.input,
      which: values.which as 'best' | 'last' | undefined,
    });
    if (!r.ok) return fail(r.error);
    const p = r.value;
    if (values.output) {
      const data = new Float32Array(p.outputs.length * p.outputs[0].length);
      p.outputs.forEach((o, i) => data.set(o, i * o.length));
      try {
        writeFileSync(values.output, encodeNpy({ shape: [p.outputs.length, ...p.outputShape], data }));
      } catch (e) {
        return fail(`cannot write ${values.output}: ${(e as Error).message.split('\n')[0]}`);
      }
      console.log(
        `wrote ${values.output}: outputs [${[p.outputs.length, ...p.outputShape].join(', ')}] (weights: ${p.weights})`,
      );
      return 0;
    }
    if (!p.probabilities) {
      console.log(
        `outputs have shape [${p.outputShape.join(', ')}] per sample, not class scores: use --output out.npy`,
      );
      return 0;
    }
    p.probabilities.forEach((probs, i) => {
      if (p.probabilities && p.probabilities.length > 1) console.log(`sample ${i}:`);
      const order = Array.from(probs.keys())
        .sort((a, b) => probs[b] - probs[a])
        .slice(0, top);
      for (const k of order)
        console.log(
          `  ${(probs[k] * 100).toFixed(2).padStart(6)}%  ${p.classes ? `${k} ${p.classes[k]}` : `class ${k}`}`,
        );
    });
    return 0;
  },
};
