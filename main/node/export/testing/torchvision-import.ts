/**
 * Test helper: a torchvision model exported by torch.onnx.export (Debian's python3-torch 1.13, one
 * run of import-torchvision.py per test file: random weights, BatchNorm statistics away from their
 * defaults) in TrainingMode.EVAL (folded.onnx) and with BatchNorm kept (bn.onnx), imported. For each
 * file: the graph analyses without errors; the app's output (tfjs cpu) is PyTorch's within 1e-4
 * relative with the same argmax; the import exported back to PyTorch (model.py + safetensors, one
 * run of check_pytorch.py) gives PyTorch's outputs again. With BatchNorm kept, the parameter count
 * and the state_dict's names and shapes are torchvision's, and torchvision's model loads the
 * exported state_dict with strict=True.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModelPy } from '../../../../app/compiler/pytorch/model-py';
import { compileGraph } from '../../../../app/compiler/tfjs/compile';
import { torchNamer } from '../../../../app/compiler/tfjs/names';
import { defaultNamer, getStateDict, setStateDict } from '../../../../app/compiler/tfjs/statedict';
import type { Tensor } from '../../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../../app/graph/types';
import { buildModuleTree, stateDictEntries } from '../../../../app/modules';
import { analyzeGraph } from '../../../../app/shapes/analyze';
import { importModelFile } from '../import';
import { writePytorch } from '../pytorch';
import { cpuTf } from '../tf-cpu';

export interface TorchvisionCase {
  /** torchvision.models' function name. */
  name: string;
  /** The input's height and width. */
  size: number;
  /** torchvision's parameter count. */
  params: number;
  /** Kinds the import must contain (both files). */
  kinds: string[];
}

const FILES = ['folded.onnx', 'bn.onnx'] as const;
type File = (typeof FILES)[number];

interface Imported {
  graph: Graph;
  errors: string[];
  params: number;
  state: string[];
  /** The app's output and PyTorch's. */
  got: Float32Array;
  /** The round trip through the PyTorch export: model.py's output's largest difference, or an error. */
  pytorch?: { error?: string; max_err?: number; state_equal?: boolean; twin?: boolean };
}

const argmax = (v: ArrayLike<number>) => Array.prototype.indexOf.call(v, Math.max(...Array.from(v))) as number;

function relDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return diff / scale;
}

export function describeTorchvisionImport(c: TorchvisionCase): void {
  const dir = mkdtempSync(join(tmpdir(), `netloom-import-${c.name}-`));
  const done = new Map<File, Imported | string>();
  let x = new Float32Array(0);
  let want = new Float32Array(0);
  const read = (f: string) => {
    const b = readFileSync(join(dir, f));
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };

  async function importOne(file: File): Promise<Imported> {
    const r = await importModelFile(join(dir, file));
    if (!r.ok) throw new Error(r.error);
    const graph = r.value.graph;
    const analysis = analyzeGraph(graph);
    const tree = buildModuleTree(graph, analysis);
    const tf = await cpuTf();
    const compiled = compileGraph(tf, graph, { seed: 0, initialize: false });
    if (!compiled.ok) throw new Error(compiled.error);
    try {
      const set = setStateDict(tf, compiled.value, r.value.weights, defaultNamer);
      if (!set.ok) throw new Error(set.error);
      const xt = tf.tensor(x, [1, 3, c.size, c.size]);
      const y = compiled.value.model.predict(xt) as Tensor;
      const got = y.dataSync() as Float32Array;
      tf.dispose([xt, y]);
      const out = join(dir, `pt-${file}`);
      const w = writePytorch(graph, getStateDict(tf, compiled.value, torchNamer(graph)), out);
      if (!w.ok) throw new Error(w.error);
      return {
        graph,
        errors: analysis.errors.map((e) => e.message),
        params: analysis.totalParams,
        state: stateDictEntries(tree).map((e) => `${e.name} [${e.shape.join(', ')}]`),
        got,
      };
    } finally {
      compiled.value.model.dispose();
    }
  }

  beforeAll(async () => {
    const py = (script: string, args: string[]) => {
      try {
        execFileSync('/usr/bin/python3', [fileURLToPath(new URL(`../${script}`, import.meta.url)), ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
          timeout: 240_000,
        });
      } catch (e) {
        throw new Error(
          `${script} (${c.name}) failed (install Debian's python3-torch, python3-torchvision and python3-onnx): ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`,
        );
      }
    };
    py('import-torchvision.py', [dir, c.name, String(c.size)]);
    x = read('x.bin');
    want = read('y.bin');
    for (const f of FILES) {
      try {
        done.set(f, await importOne(f));
      } catch (e) {
        done.set(f, e instanceof Error ? e.message : String(e));
      }
    }
    // The imports exported back to PyTorch, run by PyTorch on the same input (one python run for both).
    const cases = [...done].flatMap(([f, imp]) => {
      if (typeof imp === 'string') return [];
      const gen = generateModelPy(imp.graph);
      if (!gen.ok) return [];
      return [
        {
          id: f,
          dir: join(dir, `pt-${f}`),
          repr: gen.value.repr,
          state: gen.value.stateDict.map((e) => [e.name, e.shape]),
          inputs: [{ shape: [1, 3, c.size, c.size], values: Array.from(x) }],
          outputs: [Array.from(want)],
          twin: f === 'bn.onnx' ? c.name : null,
          weights: true,
        },
      ];
    });
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    py('check_pytorch.py', [join(dir, 'cases.json'), join(dir, 'out.json')]);
    const results = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Record<string, Imported['pytorch']>;
    for (const [f, imp] of done) if (typeof imp !== 'string') imp.pytorch = results[f];
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (f: File): Imported => {
    const imp = done.get(f);
    if (imp === undefined) throw new Error(`${f} was not imported`);
    if (typeof imp === 'string') throw new Error(imp);
    return imp;
  };

  describe(`torchvision's ${c.name} from torch.onnx.export (${c.size}x${c.size} input)`, () => {
    it.each(FILES.map((f) => [f]))('%s imports without errors, with the expected kinds', (f) => {
      const imp = get(f);
      expect(imp.errors).toEqual([]);
      const types = new Set(imp.graph.nodes.map((n) => n.type));
      for (const k of c.kinds) expect(types.has(k), k).toBe(true);
      expect(types.has('BatchNorm2d')).toBe(f === 'bn.onnx');
    });
    it("with BatchNorm kept, the parameter count and the state_dict's names and shapes are torchvision's", () => {
      const imp = get('bn.onnx');
      expect(imp.params).toBe(c.params);
      expect(imp.state).toEqual(readFileSync(join(dir, 'state.txt'), 'utf8').trim().split('\n'));
    });
    it.each(FILES.map((f) => [f]))("%s gives PyTorch's outputs (1e-4 relative, same argmax)", (f) => {
      const { got } = get(f);
      expect(got.length).toBe(want.length);
      expect(relDiff(got, want)).toBeLessThan(1e-4);
      expect(argmax(got)).toBe(argmax(want));
    });
    it.each(FILES.map((f) => [f]))("%s exported back to PyTorch gives PyTorch's outputs", (f) => {
      const r = get(f).pytorch;
      expect(r?.error?.slice(0, 400)).toBeUndefined();
      expect(r?.state_equal).toBe(true);
      const scale = Math.max(...Array.from(want, Math.abs));
      expect((r?.max_err ?? Infinity) / scale).toBeLessThan(1e-4);
      if (f === 'bn.onnx') expect(r?.twin).toBe(true);
    });
  });
}
