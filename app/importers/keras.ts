/**
 * Keras / TensorFlow.js `model.json` (layers format: Sequential and functional) -> an editable
 * Graph plus its weights in PyTorch layout. Keras runs channels-last: each value remembers its
 * layout, Permute/Reshape layers that only move channels are folded away, ZeroPadding2D becomes the
 * next Conv2d's or AvgPool2d's padding where that is exact (symmetric) and a ZeroPad2d node
 * otherwise (before a MaxPool2d, whose own padding is -inf), TF's 'same' padding becomes PyTorch's
 * (keras-pad.ts: uneven 'same' of a strided Conv2D as ZeroPad2d + Conv2d, of a pool as ceil_mode),
 * and a Dense after a Flatten of an [H, W, C] map gets its rows reordered to PyTorch's [C, H, W]
 * flatten order. Each layer class is read by its kind's `app/layers/<kind>/keras-import.ts`
 * (importers/tables.ts); this file keeps the graph walk, the layouts and the pending padding.
 * Unknown layer classes are errors naming the class and layer.
 */
import type { Graph } from '../graph/types';
import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import { GraphBuilder } from '../templates/builder';
import { zeroPadParam } from './keras-pad';
import { torchDim } from './keras-util';
import type { KerasValue } from './kind-import';
import type { ImportedWeights, ImportResult } from './onnx';
import { KERAS_IMPORTS } from './tables';

interface KLayer {
  class_name: string;
  config: Record<string, unknown>;
  name?: string;
  inbound_nodes?: unknown[];
}
type Val = KerasValue;
export type KerasWeights = Map<string, { shape: number[]; values: Float32Array }>;

const ACT: Record<string, [string, Record<string, unknown>] | null> = {
  linear: null,
  relu: ['ReLU', {}],
  sigmoid: ['Sigmoid', {}],
  tanh: ['Tanh', {}],
  elu: ['ELU', {}],
  softmax: ['Softmax', {}], // over the last axis: dim from the value (torchDim)
  log_softmax: ['LogSoftmax', {}],
  gelu: ['GELU', {}],
  gelu_new: ['GELU', { approximate: 'tanh' }],
  relu6: ['ReLU6', {}],
  swish: ['SiLU', {}],
  silu: ['SiLU', {}], // Keras 3's name of swish
  hard_silu: ['Hardswish', {}], // Keras 3: x * relu6(x + 3) / 6
  hard_swish: ['Hardswish', {}],
  mish: ['Mish', {}],
  softplus: ['Softplus', {}],
};

/** Imports a model.json; a document of unexpected shape is an error value naming the file, never a throw. */
export function importKeras(
  json: unknown,
  weights: KerasWeights = new Map(),
  fileName = 'model.json',
): Result<ImportResult> {
  try {
    return importKerasUnchecked(json, weights, fileName);
  } catch (e) {
    return err(
      `${fileName} is not a Keras/TensorFlow.js model.json Netloom can read (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`,
    );
  }
}

function importKerasUnchecked(json: unknown, weights: KerasWeights, fileName: string): Result<ImportResult> {
  const root = json as {
    modelTopology?: Record<string, unknown>;
    convertedBy?: string;
    userDefinedMetadata?: { netloom?: unknown };
  } | null;
  // Netloom's own exports take PyTorch-order inputs ([C, H, W]) and permute inside; Keras models take [H, W, C].
  // (recognized by the layer that moves an input to channels-last: Permute [2, 3, 1] or a one-channel Reshape).
  let topo = (root?.modelTopology ?? root) as Record<string, unknown> | undefined;
  if (topo && typeof topo.model_config === 'object') topo = topo.model_config as Record<string, unknown>;
  const cls = topo?.class_name;
  const cfg = topo?.config as
    | { layers?: KLayer[]; input_layers?: unknown[][]; output_layers?: unknown[][]; name?: string }
    | KLayer[]
    | undefined;
  const layers = Array.isArray(cfg) ? cfg : cfg?.layers;
  const sequential = cls === 'Sequential';
  if ((cls !== 'Sequential' && cls !== 'Model' && cls !== 'Functional') || !Array.isArray(layers))
    return err(`${fileName} is not a Keras/TensorFlow.js layers model (no Sequential or functional modelTopology)`);
  const inputNames = new Set(
    layers.filter((l) => l.class_name === 'InputLayer').map((l) => String(l.config?.name ?? l.name)),
  );
  const torchInputs = layers.some((l, i) => {
    const toNhwc =
      (l.class_name === 'Permute' && (l.config.dims as number[])?.join(',') === '2,3,1') || l.class_name === 'Reshape';
    const src = sequential
      ? i === 0
        ? 'input'
        : ''
      : String(((l.inbound_nodes?.[0] as unknown[][] | undefined)?.[0] ?? [])[0] ?? '');
    return toNhwc && (sequential ? i === 0 : inputNames.has(src));
  });
  const b = new GraphBuilder('Net');
  const w: ImportedWeights[] = [];
  const vals = new Map<string, Val>();
  let prev: Val | undefined;
  for (const [i, L] of layers.entries()) {
    const name = String(L.config?.name ?? L.name ?? `layer${i}`);
    const who = `${fileName}: layer '${name}' (${L.class_name})`;
    let ins: Val[];
    if (sequential) ins = prev ? [prev] : [];
    else {
      const nodes = (L.inbound_nodes ?? []) as unknown[][];
      const first = (nodes[0] ?? []) as unknown[];
      ins = [];
      for (const ref of first) {
        const src = Array.isArray(ref) ? String(ref[0]) : String((ref as { args?: unknown }).args ?? '');
        const v = vals.get(src);
        if (!v) return err(`${who} reads '${src}', which no earlier layer produces`);
        ins.push(v);
      }
    }
    if (ins.length === 0 && L.class_name !== 'InputLayer') {
      const bis = L.config.batch_input_shape as (number | null)[] | undefined;
      if (!sequential || !bis) return err(`${who} has no input`);
      const inp = makeInput(b, bis.slice(1) as number[], torchInputs);
      if (!inp.ok) return err(`${who}: ${inp.error}`);
      ins = [inp.value];
    }
    const r = layer(L, name, ins, b, weights, w, who, torchInputs);
    if (!r.ok) return r;
    vals.set(name, r.value);
    prev = r.value;
  }
  // A ZeroPadding2D whose output is a model output: its padding as a ZeroPad2d node.
  const outs = sequential
    ? [prev]
    : ((Array.isArray(cfg) ? [] : cfg?.output_layers) ?? []).map((o) => vals.get(String(o[0])));
  for (const v of outs) {
    const m = v ? padded(b, v, `${fileName}: an output`) : ok(undefined);
    if (!m.ok) return m;
  }
  return ok({ graph: b.build() as Graph, weights: w, notes: [] });
}

/** `v` with its pending zero padding applied: a ZeroPad2d node (made once per value). */
function padded(b: GraphBuilder, v: Val, who: string): Result<Val> {
  if (!v.pad) return ok(v);
  if (v.padded) return ok(v.padded);
  const params = { padding: zeroPadParam(v.pad) };
  const spec = getLayer('ZeroPad2d');
  const parsed = spec?.schema.safeParse(params);
  if (!spec || !parsed?.success) return err(`${who}: padding ${JSON.stringify(v.pad)} cannot be a ZeroPad2d`);
  const shape = spec.inferShape([v.shape], parsed.data);
  if (!shape.ok) return err(`${who} as ZeroPad2d: ${shape.error}`);
  v.padded = { id: b.layer('ZeroPad2d', params, [v.id]), nhwc: v.nhwc, shape: shape.value };
  return ok(v.padded);
}

function makeInput(b: GraphBuilder, dims: number[], torchOrder: boolean): Result<Val> {
  if (dims.some((d) => !(Number(d) > 0))) return err(`the input shape [${dims.join(', ')}] must be fixed`);
  if (dims.length === 2 && !torchOrder) {
    // A sequence [L, C] (Conv1D, pooling over L): PyTorch's [C, L], channels last in Keras.
    const shape = [dims[1], dims[0]];
    return ok({ id: b.input(shape), nhwc: true, shape });
  }
  if (dims.length === 3 && !torchOrder) {
    const shape = [dims[2], dims[0], dims[1]];
    return ok({ id: b.input(shape), nhwc: true, shape });
  }
  return ok({ id: b.input(dims), nhwc: false, shape: dims });
}

function layer(
  L: KLayer,
  name: string,
  ins: Val[],
  b: GraphBuilder,
  weights: KerasWeights,
  out: ImportedWeights[],
  who: string,
  torchInputs: boolean,
): Result<Val> {
  const c = L.config;
  const x = ins[0];
  const W = (k: string) =>
    weights.get(`${name}/${k}`) ??
    [...weights.entries()].find(([n]) => n.startsWith(`${name}/`) && n.endsWith(`/${k}`))?.[1];
  const add = (type: string, params: Record<string, unknown>, from: Val[], nhwc: boolean): Result<Val> => {
    const spec = getLayer(type);
    const parsed = spec?.schema.safeParse(params);
    if (!spec || !parsed?.success) return err(`${who}: cannot map to ${type}`);
    const s = spec.inferShape(
      from.map((f) => f.shape),
      parsed.data,
    );
    if (!s.ok) return err(`${who} as ${type}: ${s.error}`);
    const v: Val = {
      id: b.layer(
        type,
        params,
        from.map((f) => f.id),
      ),
      nhwc,
      shape: s.value,
    };
    // Element-wise layers (Dropout, activations) keep a flattened map's Keras order.
    if (from.length === 1 && from[0].flatHWC && s.value.join(',') === from[0].shape.join(','))
      v.flatHWC = from[0].flatHWC;
    return ok(v);
  };
  const put = (id: string, p: string, shape: number[], values: ArrayLike<number> | undefined): Result<void> => {
    if (!values) return ok(undefined);
    if (values.length !== shape.reduce((q, r) => q * r, 1))
      return err(`${who}: weight ${p} has ${values.length} values, the layer needs [${shape.join(', ')}]`);
    out.push({ name: `${id}.${p}`, shape, values: Float32Array.from(values) });
    return ok(undefined);
  };
  const activation = (v: Val): Result<Val> => {
    const a = String(c.activation ?? 'linear');
    if (!(a in ACT))
      return err(
        `${who}: activation '${a}' is not imported${/^hard_?sigmoid$/i.test(a) ? " (Keras 2's and tfjs's is 0.2x + 0.5, Keras 3's x/6 + 0.5, PyTorch's Hardsigmoid; the file does not say which)" : ''}; Netloom imports the activations ${Object.keys(ACT).join(', ')}`,
      );
    const m = ACT[a];
    if (!m) return ok(v);
    return add(m[0], m[0].endsWith('Softmax') ? { dim: torchDim(v) } : m[1], [v], v.nhwc);
  };
  const entry = KERAS_IMPORTS.get(L.class_name);
  // Pending zero padding: an entry that takes it (Conv2D, AveragePooling2D, ZeroPadding2D) folds it where exact; else a ZeroPad2d node first.
  if (!entry?.takesPadding && ins.some((v) => v.pad)) {
    const done: Val[] = [];
    for (const v of ins) {
      const m = padded(b, v, who);
      if (!m.ok) return m;
      done.push(m.value);
    }
    return layer(L, name, done, b, weights, out, who, torchInputs);
  }
  /** The symmetric [h, w] padding a valid Conv2D/AveragePooling2D takes over from x, or null (then x is padded first). */
  const foldable = (maxPad: [number, number] = [Infinity, Infinity]): [number, number] | null => {
    const p = x.pad ?? [0, 0, 0, 0];
    return p[0] === p[1] && p[2] === p[3] && p[0] <= maxPad[0] && p[2] <= maxPad[1] ? [p[0], p[2]] : null;
  };
  switch (L.class_name) {
    case 'InputLayer':
      return makeInput(b, ((c.batch_input_shape ?? c.batchInputShape) as number[]).slice(1), torchInputs);
    case 'Permute': {
      const d = (c.dims as number[]).join(',');
      if (d === '2,3,1' && !x.nhwc && x.shape.length === 3) return ok({ ...x, nhwc: true });
      if (d === '3,1,2' && x.nhwc) return ok({ ...x, nhwc: false });
      break; // any other permutation: the Permute kind (app/layers/permute/keras-import.ts)
    }
    case 'Reshape': {
      const t = (c.target_shape as number[]).join(',');
      if (!x.nhwc && x.shape.length === 3 && x.shape[0] === 1 && t === `${x.shape[1]},${x.shape[2]},1`)
        return ok({ ...x, nhwc: true });
      if (x.nhwc && x.shape[0] === 1 && t === `1,${x.shape[1]},${x.shape[2]}`) return ok({ ...x, nhwc: false });
      break; // any other reshape: Unflatten or Flatten (app/layers/unflatten/keras-import.ts)
    }
    case 'Activation':
      return activation(x);
  }
  if (!entry)
    return err(
      `${who}: layer class ${L.class_name} is not imported; Netloom imports ${[...STRUCTURAL, ...KERAS_IMPORTS.keys()].join(', ')}`,
    );
  return entry.convert({
    className: L.class_name,
    config: c,
    ins,
    x,
    add,
    padded: (v) => padded(b, v, who),
    foldable,
    weight: W,
    put,
    activation,
    fail: (message) => err(`${who}: ${message}`),
  });
}

/** The classes the importer reads itself (layout moves and activations); the kinds' classes follow in the message. */
const STRUCTURAL = ['InputLayer', 'Activation'];
