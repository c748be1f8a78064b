/**
 * `bin/netloom`: one dispatcher, one file per command (loaded on demand so that `inspect`
 * never pays for tfjs). Exit codes: 0 success, 1 invalid graph, 2 unreadable input or bad usage.
 * Never a stack trace: unexpected errors print one line.
 */
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  templates: { summary: 'list the network templates and their parameter counts', load: () => import('./templates') },
  new: { summary: 'write a new project file from a template', load: () => import('./new') },
  inspect: {
    summary: 'shapes, parameters, MACs, errors and print(model) of a project',
    load: () => import('./inspect'),
  },
  diff: {
    summary: 'what changed between two projects or runs: nodes, parameters, settings',
    load: () => import('./diff'),
  },
  train: { summary: 'train a project on a dataset', load: () => import('./train') },
  data: { summary: 'list, inspect and preview datasets', load: () => import('./data') },
  evaluate: { summary: 'evaluate a trained run on its test set', load: () => import('./evaluate') },
  export: { summary: 'export a project or run to TensorFlow.js, ONNX or PyTorch', load: () => import('./export') },
  predict: { summary: 'predict with a trained run', load: () => import('./predict') },
  import: { summary: 'import an ONNX model as a project', load: () => import('./import') },
  serve: { summary: 'serve the app on localhost for a browser', load: () => import('./serve') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: netloom <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nnetloom <command> --help for a command's options.`;
}

/** `netloom inspect x | head` closes the pipe early: end quietly instead of an EPIPE stack trace. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

/** Finishes or drops exports that a killed netloom left behind (main/node/export/commit.ts). */
async function recoverInterruptedExports(): Promise<void> {
  try {
    const { recoverExports } = await import('../export/commit');
    for (const line of recoverExports()) console.error(`netloom: ${line}`);
  } catch {
    // recovery is best effort: it never stops a command
  }
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  await recoverInterruptedExports();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    console.error(`netloom: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return 2;
  }
  let command: Command;
  try {
    ({ command } = await entry.load());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`netloom ${name}: this command could not be loaded (${message.split('\n')[0]}).`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`netloom ${name}: ${message}`);
    return 2;
  }
}
