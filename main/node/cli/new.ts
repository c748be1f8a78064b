/** `netloom new --template NAME -o FILE [--force]`: writes a new project file from a template. */
import { existsSync } from 'node:fs';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { parseArgs } from 'node:util';
import { serializeProject } from '../../../app/graph/schema';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { findTemplate, TEMPLATE_NAMES } from '../../../app/templates';
import { thousands } from '../../../app/modules';
import type { Command } from './main';

const HELP = `usage: netloom new --template NAME -o FILE [--force]

Writes a Netloom project file built from a template (netloom templates lists them).
  -t, --template NAME   lenet5, mlp, alexnet, vgg16, vgg16_bn, googlenet, resnet18, densenet121, mobilenet_v2, efficientnet_b0, ...
  -o, --output FILE     the project file to write (.netloom.json)
  -f, --force           overwrite FILE if it exists`;

export const command: Command = {
  summary: 'write a new project file from a template',
  async run(argv) {
    let values: { template?: string; output?: string; force?: boolean; help?: boolean };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          template: { type: 'string', short: 't' },
          output: { type: 'string', short: 'o' },
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
    const file = values.output;
    if (existsSync(file) && !values.force) {
      console.error(`netloom new: ${file} already exists; use --force to overwrite it`);
      return 2;
    }
    const graph = template.build();
    try {
      writeFileAtomicSync(file, serializeProject(graph));
    } catch (e) {
      console.error(`netloom new: cannot write ${file}: ${(e as Error).message.split('\n')[0]}`);
      return 2;
    }
    const params = analyzeGraph(graph).totalParams;
    console.log(
      `wrote ${file}: ${template.name} (${graph.name}, ${graph.nodes.length} nodes, ${thousands(params)} parameters)`,
    );
    return 0;
  },
};
