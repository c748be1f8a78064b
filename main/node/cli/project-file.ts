/** Reads a project file for a CLI command: one-line errors (exit 2), never a stack trace. */
import { readFileSync } from 'node:fs';
import { parseProjectText } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { LAYERS } from '../../../app/layers/registry';
import { err, type Result } from '../../../app/result';

export function readProjectFile(file: string): Result<Graph> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message.split('\n')[0];
    return err(`cannot read ${file}: ${why}`);
  }
  return parseProjectText(text, file, { layerTypes: LAYERS.map((s) => s.type) });
}
