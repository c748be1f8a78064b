/**
 * Keras / TensorFlow.js `model.json` (layers format: Sequential and functional) -> an editable
 * Graph plus its weights in PyTorch layout. Keras runs channels-last: each value remembers its
 * layout, Permute/Reshape layers that only move channels are folded away, ZeroPadding2D becomes the
 * next Conv2d's or AvgPool2d's padding where that is exact (symmetric) and a ZeroPad2d node
 * otherwise (before a MaxPool2d, whose own padding is -inf), TF's 'same' padding becomes PyTorch's
 * (keras-pad.ts: uneven 'same' of a strided Conv2D as ZeroPad2d + Conv2d, of a pool as ceil_mode),
 * and a Dense after a Flatten of an [H, W, C] map gets its rows reordered to PyTorch's [C, H, W]
 * flatten order. Unknown layer classes are errors naming the class and layer.
 */
import type { Graph, Shape } from '../graph/types';
import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import { GraphBuilder } from '../templates/builder';
import { kerasZeroPadding, samePoolParams, tfSamePads, zeroPadParam } from './keras-pad';
import type { ImportedWeights, ImportResult } from './onnx';

interface KLayer {
  class_name: string;
  config: Record<string, unknown>;
  name?: string;
  inbound_nodes?: unknown[];
}
interface Val {
  id: string;
  nhwc: boolean;
  /** PyTorch per-sample shape. */
  shape: Shape;
  /** Zero padding [top, bottom, left, right] a ZeroPadding2D left for the next layer (shape is before it). */
  pad?: [number, number, number, number];
  /** The ZeroPad2d node made for `pad`, once. */
  padded?: Val;
  flatHWC?: [number, number, number];
}
export type KerasWeights = Map<string, { shape: number[]; values: Float32Array }>;

const ACT: Record<string, [string, Record<string, unknown>] | null> = {
  linear: null,
  relu: ['ReLU', {}],
  sigmoid: ['Sigmoid', {}],
  tanh: ['Tanh', {}],
  elu: ['ELU', {}],
  softmax: ['Softmax', { dim: 1 }],
  gelu: ['GELU', {}],
  gelu_new: ['GELU', { approximate: 'tanh' }],
  relu6: ['ReLU6', {}],
  swish: ['SiLU', {}],
  mish: ['Mish', {}],
  softplus: ['Softplus', {}],
};

const pairOf = (v: unknown, d = 1): [number, number] =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : typeof v === 'number' ? [v, v] : [d, d];
const simple = (p: [number, number]): number | [number, number] => (p[0] === p[1] ? p[0] : p);

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
    if (!(a in ACT)) return err(`${who}: activation '${a}' is not imported`);
    const m = ACT[a];
    return m ? add(m[0], m[1], [v], v.nhwc) : ok(v);
  };
  // Pending zero padding: folded into a Conv2D's or AveragePooling2D's padding below where exact, else a ZeroPad2d node.
  if (!['Conv2D', 'AveragePooling2D', 'ZeroPadding2D'].includes(L.class_name) && ins.some((v) => v.pad)) {
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
      return err(`${who}: only the channels-first/last permutations are imported`);
    }
    case 'Reshape': {
      const t = (c.target_shape as number[]).join(',');
      if (!x.nhwc && x.shape.length === 3 && x.shape[0] === 1 && t === `${x.shape[1]},${x.shape[2]},1`)
        return ok({ ...x, nhwc: true });
      if (x.nhwc && x.shape[0] === 1 && t === `1,${x.shape[1]},${x.shape[2]}`) return ok({ ...x, nhwc: false });
      return err(`${who}: only the reshapes that move one channel are imported`);
    }
    case 'ZeroPadding2D': {
      const p = kerasZeroPadding(c.padding ?? 1);
      if (!p)
        return err(`${who}: padding ${JSON.stringify(c.padding)} is not n, [h, w] or [[top, bottom], [left, right]]`);
      if (!x.nhwc || x.shape.length !== 3 || (c.data_format && c.data_format !== 'channels_last'))
        return err(`${who}: only padding of a channels-last [H, W, C] map is imported`);
      const before = x.pad ?? [0, 0, 0, 0];
      return ok({
        ...x,
        padded: undefined,
        pad: [before[0] + p[0], before[1] + p[1], before[2] + p[2], before[3] + p[3]],
      });
    }
    case 'Conv2D': {
      if (!x.nhwc || (c.data_format && c.data_format !== 'channels_last'))
        return err(`${who}: only channels_last convolutions are imported`);
      const k = pairOf(c.kernel_size);
      const s = pairOf(c.strides);
      const d = pairOf(c.dilation_rate);
      // TF 'same': with stride 1 PyTorch's 'same'; else its pads, as Conv2d padding when even, else a ZeroPad2d first.
      let src = x;
      let padding: unknown = 0;
      const fold = c.padding === 'same' ? null : foldable();
      if (fold) {
        padding = simple(fold);
        src = { ...x, pad: undefined, padded: undefined };
      } else if (x.pad) {
        const m = padded(b, x, who);
        if (!m.ok) return m;
        src = m.value;
      }
      if (c.padding === 'same') {
        const [ph, pw] = [tfSamePads(src.shape[1], k[0], s[0], d[0]), tfSamePads(src.shape[2], k[1], s[1], d[1])];
        if (s[0] === 1 && s[1] === 1) padding = 'same';
        else if (ph[0] === ph[1] && pw[0] === pw[1]) padding = simple([ph[0], pw[0]]);
        else {
          const z = add('ZeroPad2d', { padding: zeroPadParam([ph[0], ph[1], pw[0], pw[1]]) }, [src], true);
          if (!z.ok) return z;
          src = z.value;
        }
      }
      const filters = Number(c.filters);
      const params: Record<string, unknown> = {
        out_channels: filters,
        kernel_size: simple(k),
        stride: simple(s),
        padding,
        dilation: simple(d),
        bias: c.use_bias !== false,
      };
      const v = add('Conv2d', params, [src], true);
      if (!v.ok) return v;
      const kern = W('kernel');
      const cin = x.shape[0];
      if (kern) {
        const t = new Float32Array(kern.values.length);
        for (let o = 0; o < filters; o++)
          for (let ci = 0; ci < cin; ci++)
            for (let h = 0; h < k[0]; h++)
              for (let q = 0; q < k[1]; q++)
                t[((o * cin + ci) * k[0] + h) * k[1] + q] = kern.values[((h * k[1] + q) * cin + ci) * filters + o];
        const r1 = put(v.value.id, 'weight', [filters, cin, k[0], k[1]], t);
        if (!r1.ok) return r1;
        const r2 = put(v.value.id, 'bias', [filters], W('bias')?.values);
        if (!r2.ok) return r2;
      }
      return activation(v.value);
    }
    case 'Dense': {
      if (x.shape.length !== 1)
        return err(`${who}: Dense on a [${x.shape.join(', ')}] input is not imported: flatten first`);
      const units = Number(c.units);
      const v = add('Linear', { out_features: units, bias: c.use_bias !== false }, [x], false);
      if (!v.ok) return v;
      const kern = W('kernel');
      if (kern) {
        const inF = x.shape[0];
        const t = new Float32Array(units * inF);
        const hwc = x.flatHWC;
        for (let o = 0; o < units; o++)
          for (let j = 0; j < inF; j++) {
            // Row j of PyTorch's flatten is (c, h, w); Keras flattened (h, w, c).
            const kj = hwc
              ? (() => {
                  const [H, Wd, C] = hwc;
                  const ch = Math.floor(j / (H * Wd));
                  const r = j % (H * Wd);
                  return r * C + ch;
                })()
              : j;
            t[o * inF + j] = kern.values[kj * units + o];
          }
        const r1 = put(v.value.id, 'weight', [units, inF], t);
        if (!r1.ok) return r1;
        const r2 = put(v.value.id, 'bias', [units], W('bias')?.values);
        if (!r2.ok) return r2;
      }
      return activation(v.value);
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      if (!x.nhwc || (c.data_format && c.data_format !== 'channels_last'))
        return err(`${who}: only channels_last pooling is imported`);
      const type = L.class_name === 'MaxPooling2D' ? 'MaxPool2d' : 'AvgPool2d';
      const k = pairOf(c.pool_size, 2);
      const s = c.strides ? pairOf(c.strides) : k;
      // Zero padding before an average pool is its padding (count_include_pad) when symmetric and at most half the kernel.
      const fold =
        type === 'AvgPool2d' && c.padding !== 'same' ? foldable([Math.floor(k[0] / 2), Math.floor(k[1] / 2)]) : null;
      let input: Val = { ...x, pad: undefined, padded: undefined };
      if (!fold) {
        const m = padded(b, x, who);
        if (!m.ok) return m;
        input = m.value;
      }
      if (c.padding === 'same') {
        const params = samePoolParams(type, input.shape, k, s);
        return params.ok ? add(type, params.value, [input], true) : err(`${who}: ${params.error}`);
      }
      const params: Record<string, unknown> = { kernel_size: simple(k), stride: simple(s) };
      if (fold && (fold[0] || fold[1])) params.padding = simple(fold);
      return add(type, params, [input], true);
    }
    case 'GlobalAveragePooling2D': {
      const p = add('AdaptiveAvgPool2d', { output_size: 1 }, [x], true);
      return p.ok ? add('Flatten', {}, [{ ...p.value, nhwc: false }], false) : p;
    }
    case 'Flatten': {
      const v = add('Flatten', {}, [x], false);
      if (v.ok && x.nhwc && x.shape.length === 3) v.value.flatHWC = [x.shape[1], x.shape[2], x.shape[0]];
      return v;
    }
    case 'Dropout':
    case 'TorchDropout':
      return add('Dropout', { p: Number(c.rate ?? c.p ?? 0.5) }, [x], x.nhwc);
    case 'BatchNormalization':
    case 'TorchBatchNorm': {
      const ch = x.shape[0];
      const torchBn = L.class_name === 'TorchBatchNorm';
      const affine = torchBn ? c.affine !== false : c.center !== false && c.scale !== false;
      const eps = Number(torchBn ? c.eps : (c.epsilon ?? 1e-3));
      const momentum = torchBn ? c.momentum : 1 - Number(c.momentum ?? 0.99);
      const v = add(
        x.shape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d',
        { eps, momentum: momentum === null ? null : Number(momentum), affine },
        [x],
        x.nhwc,
      );
      if (!v.ok) return v;
      for (const [p, ks] of [
        ['weight', ['gamma']],
        ['bias', ['beta']],
        ['running_mean', ['moving_mean', 'running_mean']],
        ['running_var', ['moving_variance', 'running_var']],
      ] as const) {
        const found = ks.map((k) => W(k)).find(Boolean);
        const r = put(v.value.id, p, [ch], found?.values);
        if (!r.ok) return r;
      }
      if (W('moving_mean') || W('running_mean'))
        out.push({ name: `${v.value.id}.num_batches_tracked`, shape: [], values: Float32Array.of(0) });
      return v;
    }
    case 'Activation':
      return activation(x);
    case 'ReLU': {
      // Keras's ReLU(max_value=6) is ReLU6; another cap has no PyTorch layer.
      const cap = c.max_value ?? c.maxValue;
      if (cap === undefined || cap === null) return add('ReLU', {}, [x], x.nhwc);
      return Number(cap) === 6
        ? add('ReLU6', {}, [x], x.nhwc)
        : err(`${who}: ReLU with max_value ${String(cap)} is not imported (only 6, as ReLU6)`);
    }
    case 'Multiply':
      if (ins.length !== 2) return err(`${who}: Multiply of ${ins.length} inputs is not imported (Mul takes 2)`);
      return ins.every((v) => v.nhwc === x.nhwc)
        ? add('Mul', {}, ins, x.nhwc)
        : err(`${who}: inputs in different layouts`);
    case 'LeakyReLU':
      return add('LeakyReLU', { negative_slope: Number(c.alpha ?? 0.3) }, [x], x.nhwc);
    case 'ELU':
      return add('ELU', { alpha: Number(c.alpha ?? 1) }, [x], x.nhwc);
    case 'Softmax':
      return add('Softmax', { dim: Number(c.axis ?? -1) === -1 ? 1 : Number(c.axis) }, [x], x.nhwc);
    case 'Add':
      return ins.every((v) => v.nhwc === x.nhwc)
        ? add('Add', {}, ins, x.nhwc)
        : err(`${who}: inputs in different layouts`);
    case 'Concatenate': {
      const axis = Number(c.axis ?? -1);
      if (!ins.every((v) => v.nhwc === x.nhwc)) return err(`${who}: inputs in different layouts`);
      const dim = x.nhwc ? (axis === -1 || axis === 3 ? 1 : axis === 1 ? 2 : 3) : axis === -1 ? x.shape.length : axis;
      return add('Concat', { dim }, ins, x.nhwc);
    }
    case 'UpSampling2D':
      return add(
        'Upsample',
        { scale_factor: simple(pairOf(c.size, 2)), mode: c.interpolation === 'bilinear' ? 'bilinear' : 'nearest' },
        [x],
        true,
      );
    default:
      return err(
        `${who}: layer class ${L.class_name} is not imported; Netloom imports InputLayer, Conv2D, Dense, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, Dropout, BatchNormalization, Activation, ReLU (max_value 6 as ReLU6), LeakyReLU, ELU, Softmax, Add, Multiply, Concatenate, UpSampling2D, ZeroPadding2D (as ZeroPad2d or the next layer's padding)`,
      );
  }
}
