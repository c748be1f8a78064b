/**
 * `netloom diff A B [--json]`: what changed from A to B, each a project file, a run folder or a
 * K-fold folder: nodes added, removed, changed (old → new), moved between containers, containers,
 * parameter and MAC totals, and the training and dataset settings that differ.
 * Exit 0 (differences or not), 2 unreadable input or bad usage.
 */
import { formatDiff } from '../../../app/doctor/diff/format';
import { diffGraphs } from '../../../app/doctor/diff/graph-diff';
import { diffSettings } from '../../../app/doctor/diff/settings-diff';
import { parseCommand } from './args';
import { readDiffSource } from './diff-source';
import type { Command } from './main';

const HELP = `usage: netloom diff A B [--json]

Compares two networks and their settings. A and B are project files, run folders
(<project>.runs/<id>/) or K-fold folders (kfold-<id>/). Nodes are matched by module path, then by
structure (type, parameters and position in the execution order).
  (default)  one line per difference: + added, - removed, ~ changed (old → new), > moved between
             containers; then the counts and the parameter and MAC totals
  --json     {"a", "b", "nodes": [{"status", "type", "path", "params"|"changes"|"moved", "a", "b"}],
             "containers": [...], "settings": [{"key", "a", "b"}], "totals": {"a", "b"}, "unchanged"}
Exit status: 0 compared, 2 unreadable input or bad usage.`;

export const command: Command = {
  summary: 'what changed between two projects or runs: nodes, parameters, settings',
  async run(argv) {
    const args = parseCommand<{ json?: boolean }>('diff', argv, { json: { type: 'boolean' } }, HELP);
    if (typeof args === 'number') return args;
    if (args.positionals.length !== 2) {
      console.error('netloom diff: give two project files or run folders (see netloom diff --help)');
      return 2;
    }
    const [pa, pb] = args.positionals;
    const a = readDiffSource(pa);
    if (!a.ok) return (console.error(`netloom diff: ${a.error}`), 2);
    const b = readDiffSource(pb);
    if (!b.ok) return (console.error(`netloom diff: ${b.error}`), 2);
    const d = diffGraphs(a.value.graph, b.value.graph);
    const settings = diffSettings(a.value.settings, b.value.settings);
    if (args.values.json) {
      console.log(JSON.stringify({ a: a.value.what, b: b.value.what, ...d, settings }));
    } else {
      console.log(`A: ${a.value.what}\nB: ${b.value.what}\n${formatDiff(d, settings)}`);
    }
    return 0;
  },
};
