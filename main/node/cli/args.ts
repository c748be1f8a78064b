/** Argument parsing shared by the CLI commands: node's parseArgs with the commands' conventions. */
import { parseArgs } from 'node:util';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

/**
 * Parses `argv` for `netloom NAME` (positionals allowed; -h/--help always accepted). A malformed
 * or unknown option is one line on stderr naming the command and its --help, exit 2; --help
 * prints `help`, exit 0. Returns the values and positionals, or the exit code when the command
 * is already done.
 */
export function parseCommand<V>(
  name: string,
  argv: string[],
  options: Record<string, OptionSpec>,
  help: string,
): { values: V; positionals: string[] } | number {
  let r: { values: Record<string, unknown>; positionals: string[] };
  try {
    r = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    console.error(`netloom ${name}: ${(e as Error).message.split('\n')[0]} (see netloom ${name} --help)`);
    return 2;
  }
  if (r.values.help) {
    console.log(help);
    return 0;
  }
  return { values: r.values as V, positionals: r.positionals };
}
