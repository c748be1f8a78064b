/** Reads a project file for a CLI command: one-line errors (exit 2), never a stack trace. */
import { readFileSync, statSync } from 'node:fs';
import { projectBytesProblem } from '../../../app/graph/limits';
import { parseProjectText } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { HIDDEN_LAYERS, LAYERS } from '../../../app/layers/registry';
import { err, type Result } from '../../../app/result';

export function readProjectFile(file: string): Result<Graph> {
  let text: string;
  try {
    const info = statSync(file);
    if (info.isDirectory()) return err(`cannot read ${file}: is a directory`);
    if (!info.isFile())
      return err(`cannot read ${file}: not a regular file (a device, pipe or socket): give a project file`);
    // Checked before reading: a 1 GB file must not be read (let alone parsed) to be refused.
    const tooBig = projectBytesProblem(info.size);
    if (tooBig) return err(`${file}: ${tooBig}`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message.split('\n')[0];
    return err(`cannot read ${file}: ${why}`);
  }
  // The hidden kinds too: a project from import --partial loads, and its placeholder is an error of the graph.
  return parseProjectText(text, file, { layerTypes: [...LAYERS, ...HIDDEN_LAYERS].map((s) => s.type) });
}
