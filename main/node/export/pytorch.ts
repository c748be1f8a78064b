/** Writes the PyTorch export: model.py, model.safetensors (and train.py, see train-py). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateModelPy } from '../../../app/compiler/pytorch/model-py';
import { encodeSafetensors } from '../../../app/compiler/pytorch/safetensors';
import { generateTrainPy } from '../../../app/compiler/pytorch/train-py';
import type { StateEntry } from '../../../app/compiler/tfjs/statedict';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { atomicWriteFile } from './files';
import type { Preprocessing } from '../../../app/compiler/preprocess';

export interface PytorchExport {
  files: string[];
  rootClass: string;
}

export function writePytorch(
  graph: Graph,
  state: StateEntry[] | undefined,
  outDir: string,
  progress: (line: string) => void = () => {},
  pre?: Preprocessing,
): Result<PytorchExport> {
  const m = generateModelPy(graph, pre);
  if (!m.ok) return err(`PyTorch export: ${m.error}`);
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  atomicWriteFile(join(outDir, 'model.py'), m.value.code);
  files.push(join(outDir, 'model.py'));
  progress(`pytorch: model.py (class ${m.value.rootClass})`);
  if (state) {
    const byName = new Map(state.map((e) => [e.name, e]));
    const ordered = [];
    for (const e of m.value.stateDict) {
      const t = byName.get(e.name);
      if (!t) return err(`PyTorch export: the weights have no '${e.name}'`);
      if (t.shape.join('x') !== e.shape.join('x'))
        return err(
          `PyTorch export: '${e.name}' has shape [${t.shape.join(', ')}], the model needs [${e.shape.join(', ')}]`,
        );
      ordered.push({ name: e.name, shape: e.shape, values: t.values });
    }
    const bytes = encodeSafetensors(ordered, { format: 'pt', generator: 'netloom' });
    atomicWriteFile(join(outDir, 'model.safetensors'), bytes);
    files.push(join(outDir, 'model.safetensors'));
    progress(`pytorch: model.safetensors (${ordered.length} tensors, ${(bytes.length / 1e6).toFixed(1)} MB)`);
  }
  const t = generateTrainPy(graph);
  if (!t.ok) return err(`PyTorch export: ${t.error}`);
  atomicWriteFile(join(outDir, 'train.py'), t.value);
  files.push(join(outDir, 'train.py'));
  progress('pytorch: train.py');
  return ok({ files, rootClass: m.value.rootClass });
}
