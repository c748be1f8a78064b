/** `netloom templates [--json]`: the network templates with their parameter counts. */
import { parseArgs } from 'node:util';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { TEMPLATES } from '../../../app/templates';
import { thousands } from '../../../app/modules';
import type { Command } from './main';

const HELP = `usage: netloom templates [--json]

Lists the network templates (for netloom new --template NAME) with their parameter counts.
  --json   print [{"name", "description", "params"}]`;

export const command: Command = {
  summary: 'list the network templates and their parameter counts',
  async run(argv) {
    // `netloom inspect big.json | head`: a closed pipe ends the output quietly, not with a stack trace.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
    let values: { json?: boolean; help?: boolean };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      }));
    } catch (e) {
      console.error(`netloom templates: ${(e as Error).message.split('\n')[0]} (see netloom templates --help)`);
      return 2;
    }
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const list = TEMPLATES.map((t) => ({
      name: t.name,
      description: t.description,
      params: analyzeGraph(t.build()).totalParams,
    }));
    if (values.json) {
      console.log(JSON.stringify(list, null, 2));
      return 0;
    }
    const nameWidth = Math.max(...list.map((t) => t.name.length));
    const paramWidth = Math.max(...list.map((t) => thousands(t.params).length));
    for (const t of list)
      console.log(`${t.name.padEnd(nameWidth)}  ${thousands(t.params).padStart(paramWidth)}  ${t.description}`);
    return 0;
  },
};
