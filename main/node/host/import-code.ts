/**
 * `import.code`: PyTorch code onto the canvas. The static reader unless the person confirmed that
 * their Python may run the code (`runCode`); pasted text is traced from a temporary file. The
 * answer is an unsaved project; nothing is written beside the code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { serializeProject } from '../../../app/graph/schema';
import { err, ok } from '../../../app/result';
import { importPython } from '../pyimport';
import type { Handler, HostServices } from './types';

const bad = (message: string) => err({ code: 'bad-request' as const, message });

export function importCodeHandler(s: HostServices): Handler<'import.code'> {
  return async ({ path, text, className, args, inputShape, runCode }) => {
    if ((path === undefined) === (text === undefined)) return bad('give a .py file or the code itself');
    let file: string | undefined;
    let tmp: string | undefined;
    if (path !== undefined) {
      const checked = await s.paths.check(path);
      if (!checked.ok) return checked;
      file = checked.value;
    } else if (runCode) {
      tmp = mkdtempSync(join(tmpdir(), 'netloom-paste-'));
      file = join(tmp, 'pasted.py');
      writeFileSync(file, text ?? '');
    }
    try {
      const r = await importPython({
        file: file ?? 'pasted.py',
        text: file ? undefined : text,
        className: className || undefined,
        args: args || undefined,
        inputShape,
        static: !runCode,
        traceHint:
          'the static reader reads a common subset of PyTorch code without running it; to read any traceable code, tick “Run this code with my Python”',
      });
      if (!r.ok) return bad(r.error);
      const name = `${basename(path ?? 'pasted.py').replace(/\.py$/i, '')}.netloom.json`;
      return ok({ projectText: serializeProject(r.value.graph), name, reader: r.value.reader, notes: r.value.notes });
    } finally {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }
  };
}
