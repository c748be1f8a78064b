/** `netloom new --template NAME -o FILE [--input C,H,W] [--classes K] [--force]`: writes a new project file from a template. */
import { existsSync } from 'node:fs';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { parseArgs } from 'node:util';
import { serializeProject } from '../../../app/graph/schema';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { findTemplate, TEMPLATE_NAMES } from '../../../app/templates';
import { adaptTemplate } from '../../../app/templates/adapt';
import { thousands } from '../../../app/modules';
import type { Command } from './main';

const HELP = `usage: netloom new --template NAME -o FILE [--input C,H,W] [--classes K] [--force]

Writes a Netloom project file built from a template (netloom templates lists them).
  -t, --template NAME   lenet5, mlp, alexnet, vgg16, vgg16_bn, googlenet, resnet18, densenet121, mobilenet_v2, efficientnet_b0, ...
  -o, --output FILE     the project file to write (.netloom.json)
  -i, --input C,H,W     the input shape, e.g. 3,32,32 for CIFAR-10 (also 3x32x32; default: the template's)
  -c, --classes K       the classifier's outputs, e.g. 10 (as torchvision's resnet18(num_classes=10))
  -f, --force           overwrite FILE if it exists

Example: netloom new -t resnet18 --input 3,32,32 --classes 10 -o resnet18-cifar.netloom.json`;

/** "3,32,32" or "3x32x32" as numbers; null when it is not a list of whole numbers. */
function parseShape(s: string): number[] | null {
  const parts = s.split(/[,x×]/).map((p) => p.trim());
  if (!parts.length || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number);
}

export const command: Command = {
  summary: 'write a new project file from a template',
  async run(argv) {
    let values: {
      template?: string;
      output?: string;
      input?: string;
      classes?: string;
      force?: boolean;
      help?: boolean;
    };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          template: { type: 'string', short: 't' },
          output: { type: 'string', short: 'o' },
          input: { type: 'string', short: 'i' },
          classes: { type: 'string', short: 'c' },
          force: { type: 'boolean', short: 'f' },
          help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (e) {
      console.error(`netloom new: ${(e as Error).message.split('\n')[0]} (see netloom new --help)`);
      return 2;
    }
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (!values.template || !values.output) {
      console.error('netloom new: give both --template NAME and -o FILE (see netloom new --help)');
      return 2;
    }
    const template = findTemplate(values.template);
    if (!template) {
      console.error(
        `netloom new: unknown template '${values.template}'; known templates: ${TEMPLATE_NAMES.join(', ')}`,
      );
      return 2;
    }
    const input = values.input === undefined ? undefined : parseShape(values.input);
    if (input === null) {
      console.error(`netloom new: --input '${values.input}' is not a shape; give it as C,H,W, e.g. --input 3,32,32`);
      return 2;
    }
    const classes =
      values.classes === undefined ? undefined : /^\d+$/.test(values.classes) ? Number(values.classes) : NaN;
    if (classes !== undefined && !(classes >= 1)) {
      console.error(
        `netloom new: --classes '${values.classes}' is not a number of classes; give a whole number, e.g. --classes 10`,
      );
      return 2;
    }
    const file = values.output;
    if (existsSync(file) && !values.force) {
      console.error(`netloom new: ${file} already exists; use --force to overwrite it`);
      return 2;
    }
    let graph = template.build();
    if (input || classes !== undefined) {
      const adapted = adaptTemplate(graph, template.name, { input, classes });
      if (!adapted.ok) {
        console.error(`netloom new: ${adapted.error}`);
        return 2;
      }
      graph = adapted.value;
    }
    try {
      writeFileAtomicSync(file, serializeProject(graph));
    } catch (e) {
      console.error(`netloom new: cannot write ${file}: ${(e as Error).message.split('\n')[0]}`);
      return 2;
    }
    const params = analyzeGraph(graph).totalParams;
    const input0 = graph.nodes.find((n) => n.type === 'Input')?.params.shape as number[] | undefined;
    console.log(
      `wrote ${file}: ${template.name} (${graph.name}, ${graph.nodes.length} nodes, ${thousands(params)} parameters${input0 ? `, input [${input0.join(', ')}]` : ''})`,
    );
    return 0;
  },
};
