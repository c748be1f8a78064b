/**
 * `model.py`: the project's network as readable PyTorch code, plus `load()` that reads
 * `model.safetensors` (with the `safetensors` package when installed, else a small reader here).
 */
import type { Graph } from '../../graph/types';
import { buildModuleTree, reprModel, stateDictEntries, type ModuleTree, type StateDictEntry } from '../../modules';
import { analyzeGraph } from '../../shapes/analyze';
import type { GraphAnalysis } from '../../shapes/types';
import { err, ok, type Result } from '../../result';
import { writeClasses } from './classes';
import { kindDefinitions } from './layers';
import { indexGraph } from './scope';
import { preprocessPy, type Preprocessing } from '../preprocess';

export interface PytorchModule {
  /** The text of model.py. */
  code: string;
  /** Python class name of the root module. */
  rootClass: string;
  /** What print(model) shows (the app's reprModel). */
  repr: string;
  /** state_dict() keys and shapes, in order. */
  stateDict: StateDictEntry[];
  tree: ModuleTree;
  analysis: GraphAnalysis;
}

const LOADER = `
def load_state_dict_file(path):
    """Read a .safetensors file into a state dict (the safetensors package when installed)."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        load_file = None
    if load_file is not None:
        return load_file(path)
    dtypes = {"F32": torch.float32, "I64": torch.int64, "F64": torch.float64, "F16": torch.float16, "I32": torch.int32}
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    base = 8 + n
    state = OrderedDict()
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[base + begin:base + end]), dtype=dtypes[info["dtype"]])
        state[name] = t.reshape(info["shape"]).clone()
    return state


def load(path="model.safetensors"):
    """The model with the exported weights, in eval mode. A relative path is tried in the working
    directory, then beside this file."""
    if not os.path.isabs(path) and not os.path.exists(path):
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), path)
        if os.path.exists(here):
            path = here
    model = MODEL_CLASS()
    model.load_state_dict(load_state_dict_file(path), strict=True)
    model.eval()
    return model


if __name__ == "__main__":
    model = load() if os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), "model.safetensors")) else MODEL_CLASS()
    print(model)
    x = [torch.randn(1, *shape) for shape in INPUT_SHAPES]
    with torch.no_grad():
        y = model(*x)
    for t in (y if isinstance(y, tuple) else (y,)):
        print(tuple(t.shape))
`;

/**
 * Generates model.py for a graph; an error names what cannot be written (a shape error, a bad name).
 * With `pre` (the run's input shape, normalization and classes) it also gets INPUT_SHAPE, MEAN,
 * STD, CLASSES and preprocess().
 */
export function generateModelPy(graph: Graph, pre?: Preprocessing): Result<PytorchModule> {
  const analysis = analyzeGraph(graph);
  if (analysis.errors.length > 0) return err(`the graph has errors; fix them first: ${analysis.errors[0].message}`);
  const tree = buildModuleTree(graph, analysis);
  const ix = indexGraph(graph, tree, analysis);
  if (!ix.ok) return ix;
  const w = writeClasses(ix.value, analysis);
  if (!w.ok) return w;
  const shapes = ix.value.inputNodes.map((id) => {
    const s = analysis.nodes.get(id)?.shape ?? [];
    return s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`;
  });
  const code = [
    '"""A network exported by Netloom: nn.Module classes mirroring the project\'s modules.',
    '',
    'Usage:  from model import load;  model = load("model.safetensors");  y = model(x)',
    'Inputs are [N, C, H, W] (or [N, F]) float32 tensors, as in PyTorch.',
    ...(pre
      ? [
          'Raw images:  x = preprocess("shoe.png");  CLASSES[model(x).argmax(1).item()]',
          '(preprocess() resizes and normalizes as the training data was; it needs torchvision and Pillow).',
        ]
      : []),
    '"""',
    'import json',
    'import os',
    'import struct',
    'from collections import OrderedDict',
    '',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    '',
    ...kindDefinitions(graph.nodes.map((n) => n.type)).flatMap((d) => [d, '', '']),
    w.value.classes.join('\n\n\n'),
    '',
    '',
    `MODEL_CLASS = ${w.value.rootClass}`,
    `INPUT_SHAPES = [${shapes.join(', ')}]`,
    ...(pre ? ['', preprocessPy(pre), ''] : []),
    '',
    LOADER,
  ].join('\n');
  return ok({
    code,
    rootClass: w.value.rootClass,
    repr: reprModel(tree),
    stateDict: stateDictEntries(tree),
    tree,
    analysis,
  });
}
