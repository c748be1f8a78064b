/**
 * PyTorch code to a Netloom graph, for `netloom import model.py` and the host's import: the trace
 * reader (the user's Python runs the code; trace.ts) or the static reader (nothing runs;
 * app/importers/pytorch/static), then one graph builder, and optionally weights from a
 * .safetensors state dict.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeSafetensors } from '../../../app/compiler/pytorch/safetensors';
import type { Shape } from '../../../app/graph/types';
import type { ImportResult } from '../../../app/importers/onnx';
import { buildGraph } from '../../../app/importers/pytorch/build';
import type { PyModel } from '../../../app/importers/pytorch/schema';
import { readStatic } from '../../../app/importers/pytorch/static';
import { weightsForGraph } from '../../../app/importers/pytorch/weights';
import { err, ok, type Result } from '../../../app/result';
import { NO_TORCH, traceModel } from './trace';

export interface PythonImportOptions {
  /** A .py file, or (trace only) an importable module name. */
  file?: string;
  module?: string;
  className?: string;
  /** Constructor arguments as JSON (an object of keywords or a list). */
  args?: string;
  /** Per-sample input shape ([C, H, W] or [F]); default [in_features] when the first layer is a Linear. */
  inputShape?: Shape;
  /** A .safetensors state dict to import as the weights. */
  weights?: string;
  /** Read without running the code. */
  static?: boolean;
  timeoutS?: number;
  /** Source text (the GUI's Paste code); `file` then only names it in messages. */
  text?: string;
  /** What a static-reader error suggests for reading the code by tracing it (default: the CLI's way). */
  traceHint?: string;
}

export interface PythonImport extends ImportResult {
  reader: 'trace' | 'static';
}

const STATIC_HINT =
  'the static reader reads a common subset of PyTorch code without running it; to read any traceable code, run it with PyTorch (netloom import without --static)';

export async function importPython(o: PythonImportOptions): Promise<Result<PythonImport>> {
  const name = o.module ?? basename(o.file ?? 'pasted.py');
  if (o.args !== undefined) {
    try {
      JSON.parse(o.args);
    } catch (e) {
      return err(
        `--args is not JSON (${e instanceof Error ? e.message : String(e)}): give it as '{"num_classes": 10}'`,
      );
    }
  }
  const notes: string[] = [];
  let model: PyModel | undefined;
  let reader: 'trace' | 'static' = o.static ? 'static' : 'trace';
  if (!o.static) {
    const t = await traceModel({
      ...(o.module ? { module: o.module } : { file: o.file }),
      className: o.className,
      args: o.args,
      timeoutS: o.timeoutS,
    });
    if (!t.ok && t.error.startsWith(NO_TORCH) && !o.module) {
      notes.push(`${t.error.slice(NO_TORCH.length).trim()}: read without running it (the static reader)`);
      reader = 'static';
    } else if (!t.ok) return err(t.error.replace(NO_TORCH, '').trim());
    else model = t.value;
  }
  if (reader === 'static') {
    if (o.module) return err('--module needs PyTorch (the trace reader); the static reader reads a .py file');
    let text = o.text;
    if (text === undefined) {
      try {
        text = readFileSync(o.file ?? '', 'utf8');
      } catch (e) {
        return err(`cannot read ${o.file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    const s = readStatic(text, name, {
      className: o.className,
      args: o.args === undefined ? undefined : JSON.parse(o.args),
    });
    if (!s.ok)
      return err(
        `${s.error} (${o.static ? (o.traceHint ?? STATIC_HINT) : 'install PyTorch or set NETLOOM_PYTHON to read any traceable code'})`,
      );
    model = s.value;
  }
  const m = model;
  if (!m) return err(`${name}: nothing was read`);
  const shape = o.inputShape ?? guessInput(m);
  if (!shape)
    return err(
      `${name}: give the input shape per sample with --input-shape (1,28,28 for a 28x28 grey image; 3,224,224 for ImageNet)`,
    );
  const g = buildGraph(m, shape);
  if (!g.ok) return err(g.error.startsWith(name) ? g.error : `${name}: ${g.error}`);
  let weights: ImportResult['weights'] = [];
  if (o.weights) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(o.weights));
    } catch (e) {
      return err(`cannot read ${o.weights}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const tensors = decodeSafetensors(bytes);
    if (!tensors.ok) return err(`${o.weights}: ${tensors.error}`);
    const w = weightsForGraph(g.value.graph, tensors.value, basename(o.weights));
    if (!w.ok) return w;
    weights = w.value;
  }
  return ok({ graph: g.value.graph, weights, notes: [...notes, ...g.value.notes], reader });
}

/** [in_features] when forward's first call is a Linear on the input. */
function guessInput(m: PyModel): Shape | undefined {
  const input = m.nodes.find((n) => n.op === 'placeholder');
  const first = m.nodes.find(
    (n) => n.op === 'call_module' && JSON.stringify(n.args[0]) === JSON.stringify({ ref: input?.name }),
  );
  const mod = first ? m.modules.find((x) => x.path === first.target) : undefined;
  const f = mod?.className === 'Linear' ? mod.args.in_features : undefined;
  return typeof f === 'number' ? [f] : undefined;
}
