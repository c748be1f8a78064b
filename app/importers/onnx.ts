/**
 * ONNX -> an editable Graph (laid out top-down) plus its weights by node id: Conv, Gemm, MatMul
 * with a constant, BatchNormalization, MaxPool/AveragePool (pads and ceil_mode mapped back to
 * PyTorch's), GlobalAveragePool, Flatten/Reshape, Relu, LeakyRelu, Elu, Sigmoid, Tanh, Softmax,
 * LogSoftmax, Dropout, Identity, Add/Sum, Mul (two values, broadcasting), ReduceMean (as Mean), Concat, Resize with constant scales or sizes, LRN, and the
 * multi-node forms of onnx-patterns.ts (GELU, LocalResponseNorm, AvgPool2d divisors, Upsample to a
 * size). Any other operator is an error naming it and its node. The module tree comes back from
 * the operators' torch.onnx scopes and parameter names (modules.ts).
 */
import { LAYERS_META, MODULES_META } from '../compiler/onnx/model';
import type { Graph, Shape } from '../graph/types';
import { getLayer } from '../layers/registry';
import { err, ok, type Result } from '../result';
import { GraphBuilder } from '../templates/builder';
import { parseDeclaredLayers, sameComputation } from './declared';
import { modulePathOfParam, type NodeOrigin, parseDeclaredModules, restoreModules, scopeOfNodeName } from './modules';
import { activationLayer } from './onnx-ops-activations';
import { adaptiveFromPool } from './onnx-adaptive';
import { indexGraph } from './onnx-match';
import { findPatterns, poolStride } from './onnx-patterns';
import { FOLDED_OPS, foldConstant, holdsBatch } from './onnx-fold';
import { zeroPadLayer } from './onnx-pad';
import { reshapeAsFlatten } from './onnx-reshape';
import { resizeLayer } from './onnx-resize';
import { type Attrs, attrs, type OnnxModelIn, type OnnxTensorIn, shortest, tensorValues } from './onnx-types';

export interface ImportedWeights {
  /** `${nodeId}.${param}` (PyTorch layout and names: weight, bias, running_mean, running_var). */
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface ImportResult {
  graph: Graph;
  weights: ImportedWeights[];
  /** Notes for the person (operators folded away, approximations). */
  notes: string[];
}

const pairOf = (v: number[] | undefined, d: number): [number, number] => (v && v.length >= 2 ? [v[0], v[1]] : [d, d]);
const simple = (p: [number, number]): number | [number, number] => (p[0] === p[1] ? p[0] : p);

export function importOnnx(model: OnnxModelIn, fileName = 'model.onnx'): Result<ImportResult> {
  const g = model.graph;
  if (!g || !g.node) return err(`${fileName} has no graph: it is not an ONNX model`);
  const inits = new Map<string, OnnxTensorIn>((g.initializer ?? []).map((t) => [t.name, t]));
  const b = new GraphBuilder(
    g.name && g.name !== 'torch_jit' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(g.name) ? g.name : 'Net',
  );
  const value = new Map<string, string>();
  const shapes = new Map<string, Shape>();
  const weights: ImportedWeights[] = [];
  const notes: string[] = [];
  // What Netloom's own export declares (absent in other files): named_modules() and each layer's arguments.
  const meta = (key: string) => (model.metadataProps ?? []).find((m) => m.key === key)?.value;
  const declared = parseDeclaredModules(meta(MODULES_META));
  const declaredLayers = parseDeclaredLayers(meta(LAYERS_META));
  const origins = new Map<string, NodeOrigin>();
  for (const inp of g.input ?? []) {
    if (inits.has(inp.name)) continue;
    const dims = inp.type?.tensorType?.shape?.dim ?? [];
    const shape = dims.slice(1).map((d) => Number(d.dimValue ?? 0));
    if (shape.length === 0 || shape.some((d) => !(d > 0)))
      return err(
        `${fileName}: input '${inp.name}' needs a fixed per-sample shape, got [${dims.map((d) => d.dimValue ?? d.dimParam ?? '?').join(', ')}]`,
      );
    const id = b.input(shape);
    value.set(inp.name, id);
    shapes.set(id, shape);
  }
  // A value that holds the batch size (Shape of a live value, onnx-fold.ts) is no constant, except as a Reshape target.
  const constant = (name: string): Float64Array | undefined => {
    const t = inits.get(name);
    return t && !holdsBatch(t) ? tensorValues(t) : undefined;
  };
  const dimsOf = (name: string): number[] => (inits.get(name)?.dims ?? []).map(Number);
  // Constants first (torch.onnx places them beside their readers), so patterns see them all.
  for (const n of g.node) {
    const t = n.opType === 'Constant' ? (n.attribute ?? []).find((at) => at.name === 'value')?.t : undefined;
    if (t && n.output?.[0]) inits.set(n.output[0], { ...t, name: n.output[0] });
    if (n.opType === 'Identity' && n.output?.[0] && inits.has(n.input?.[0] ?? ''))
      inits.set(n.output[0], { ...(inits.get(n.input?.[0] ?? '') as OnnxTensorIn), name: n.output[0] });
    // Shape arithmetic on constants (torch.onnx's pads of nn.ZeroPad2d), evaluated: onnx-fold.ts.
    const fold = n.output?.[0] && !inits.has(n.output[0]) ? foldConstant(n, (x) => inits.get(x)) : undefined;
    if (fold) inits.set(fold.name, fold);
  }
  const index = indexGraph(
    g.node,
    inits,
    (g.output ?? []).map((o) => o.name),
  );
  const patterns = findPatterns(index);
  let folded = new Set([...patterns.values()].flatMap((p) => p.nodes));
  // Shape arithmetic evaluated on the way (its values known only now) can complete a pattern: look again.
  let stale = false;
  const refresh = (k: number) => {
    stale = false;
    const again = findPatterns(index);
    for (const [key, p] of again)
      if (!patterns.has(key) && p.nodes.every((j) => j >= k || folded.has(j))) patterns.set(key, p);
    folded = new Set([...patterns.values()].flatMap((p) => p.nodes));
  };
  const unsupported = (op: string, who: string) =>
    err(
      `${fileName}: unsupported operator ${op} at ${who.replace(/ \(.*\)$/, '')}: Netloom imports ${SUPPORTED.join(', ')}; ${PATTERNS}`,
    );
  for (const [k, n] of g.node.entries()) {
    const op = n.opType ?? '';
    const who = `node ${n.name || `#${k}`} (${op})`;
    const ins = (n.input ?? []).filter((x) => x !== '');
    if (stale && !(FOLDED_OPS.has(op) || op === 'Constant')) refresh(k);
    const pattern = patterns.get(k);
    if (folded.has(k) && !pattern) continue;
    // Constants: Constant nodes and Identity copies of initializers (torch.onnx's deduplication).
    const out0 = n.output?.[0];
    if (out0 && op === 'Constant') {
      const t = (n.attribute ?? []).find((at) => at.name === 'value')?.t;
      if (!t) return err(`${fileName}: ${who}: only tensor constants are imported`);
      inits.set(out0, { ...t, name: out0 });
      continue;
    }
    if (out0 && op === 'Identity' && inits.has(ins[0])) {
      inits.set(out0, { ...(inits.get(ins[0]) as OnnxTensorIn), name: out0 });
      continue;
    }
    if (out0 && FOLDED_OPS.has(op) && inits.has(out0)) continue;
    // Shape arithmetic on a live value of known shape (x.size(1) // 2, x.view(x.size(0), -1)): onnx-fold.ts.
    const live =
      out0 && FOLDED_OPS.has(op)
        ? foldConstant(
            n,
            (v) => inits.get(v),
            (v) => shapes.get(value.get(v) ?? ''),
          )
        : undefined;
    if (live) {
      inits.set(live.name, live);
      stale = true;
      continue;
    }
    const a = attrs(n);
    const data = (pattern ? [pattern.input] : ins.filter((x) => !inits.has(x))).map((x) => value.get(x));
    if (data.some((x) => x === undefined)) return err(`${fileName}: ${who} reads a value no earlier node produces`);
    const x = data as string[];
    const out = n.output?.[0];
    if (!out) return err(`${fileName}: ${who} has no output`);
    const add = (
      type: string,
      params: Record<string, unknown>,
      from: string[] = x,
      w: Record<string, [Float64Array | undefined, number[]]> = {},
    ): Result<string> => {
      // The arguments Netloom's export declares for this layer, where they are the same computation.
      const d = declaredLayers?.get(out);
      if (
        d &&
        from.every((f) => shapes.has(f)) &&
        sameComputation(
          { type, params },
          d,
          from.map((f) => shapes.get(f) as Shape),
        )
      )
        ({ type, params } = d);
      const spec = getLayer(type);
      const parsed = spec?.schema.safeParse(params);
      if (!spec || !parsed?.success) return err(`${fileName}: ${who}: cannot map to ${type}`);
      const s = spec.inferShape(
        from.map((f) => shapes.get(f) as Shape),
        parsed.data,
      );
      if (!s.ok) return err(`${fileName}: ${who} as ${type}: ${s.error}`);
      const id = b.layer(type, params, from);
      shapes.set(id, s.value);
      origins.set(id, {
        scope: scopeOfNodeName(n.name),
        paramPath: ins.map(modulePathOfParam).find((x) => x !== undefined),
      });
      for (const [p, [vals, shape]] of Object.entries(w)) {
        if (!vals || vals.length !== shape.reduce((q, r) => q * r, 1))
          return err(`${fileName}: ${who}: ${p} is missing or has the wrong size`);
        weights.push({ name: `${id}.${p}`, shape, values: Float32Array.from(vals) });
      }
      return ok(id);
    };
    let r: Result<string>;
    const inShape = shapes.get(x[0]) ?? [];
    if (pattern) {
      const layer = pattern.layer(inShape);
      if (!layer) return unsupported(op, who);
      r = add(layer.type, layer.params);
      if (!r.ok) return r;
      value.set(out, r.value);
      continue;
    }
    switch (op) {
      case 'Identity':
        // nn.Identity as Netloom exports it (declared at this scope); otherwise a pass-through.
        r = declaredLayers?.get(out)?.type === 'Identity' ? add('Identity', {}) : ok(x[0]);
        break;
      case 'Conv': {
        if (a.auto_pad && a.auto_pad !== 'NOTSET')
          return err(`${fileName}: ${who}: auto_pad ${a.auto_pad} is not imported; export with explicit pads`);
        const wd = dimsOf(ins[1]);
        const pads = (a.pads as number[]) ?? [0, 0, 0, 0];
        const k = pairOf(a.kernel_shape as number[], wd[2]);
        const dil = pairOf(a.dilations as number[], 1);
        const stride = pairOf(a.strides as number[], 1);
        // PyTorch's padding='same' (stride 1): total d*(k-1), the extra one at the end.
        const same =
          stride[0] === 1 &&
          stride[1] === 1 &&
          [0, 1].every(
            (i) => pads[i] === Math.floor((dil[i] * (k[i] - 1)) / 2) && pads[i + 2] === dil[i] * (k[i] - 1) - pads[i],
          );
        if (wd.length !== 4 || ((pads[0] !== pads[2] || pads[1] !== pads[3]) && !same))
          return err(
            `${fileName}: ${who}: only 2D convolutions with symmetric pads (or PyTorch's padding='same') are imported`,
          );
        const hasBias = ins.length > 2;
        r = add(
          'Conv2d',
          {
            out_channels: wd[0],
            kernel_size: simple(k),
            stride: simple(stride),
            padding: same && (pads[0] !== pads[2] || pads[1] !== pads[3]) ? 'same' : simple([pads[0], pads[1]]),
            dilation: simple(dil),
            groups: Number(a.group ?? 1),
            bias: hasBias,
          },
          x,
          {
            weight: [constant(ins[1]), wd],
            ...(hasBias ? { bias: [constant(ins[2]), [wd[0]]] } : {}),
          },
        );
        break;
      }
      case 'Gemm':
      case 'MatMul': {
        const wd = dimsOf(ins[1]);
        const w = constant(ins[1]);
        if (!w || wd.length !== 2 || inShape.length !== 1)
          return err(`${fileName}: ${who}: only a [N, F] input times a constant matrix is imported`);
        if (op === 'Gemm' && ((a.alpha ?? 1) !== 1 || (a.beta ?? 1) !== 1 || a.transA))
          return err(`${fileName}: ${who}: alpha, beta and transA must be defaults`);
        const transB = op === 'Gemm' && a.transB === 1;
        const [outF, inF] = transB ? wd : [wd[1], wd[0]];
        const torchW = transB
          ? w
          : Float64Array.from({ length: w.length }, (_, i) => w[(i % inF) * outF + Math.floor(i / inF)]);
        const hasBias = op === 'Gemm' && ins.length > 2;
        r = add('Linear', { out_features: outF, bias: hasBias }, x, {
          weight: [torchW, [outF, inF]],
          ...(hasBias ? { bias: [constant(ins[2]), [outF]] } : {}),
        });
        break;
      }
      case 'BatchNormalization': {
        const c = inShape[0];
        r = add(
          inShape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d',
          {
            eps: Number(a.epsilon ?? 1e-5),
            momentum: shortest(
              1 - Number(a.momentum ?? 0.9),
              (d) => Math.fround(1 - d) === Math.fround(Number(a.momentum ?? 0.9)),
            ),
          },
          x,
          {
            weight: [constant(ins[1]), [c]],
            bias: [constant(ins[2]), [c]],
            running_mean: [constant(ins[3]), [c]],
            running_var: [constant(ins[4]), [c]],
          },
        );
        if (r.ok) weights.push({ name: `${r.value}.num_batches_tracked`, shape: [], values: Float32Array.of(0) });
        break;
      }
      case 'MaxPool':
      case 'AveragePool': {
        // torch's adaptive pool at a size that divides the input (no pads, no ceil_mode): onnx-adaptive.ts.
        const adaptive = adaptiveFromPool(model.producerName, op, a, inShape);
        r = adaptive ? add(adaptive.type, adaptive.params) : pool(op, a, inShape, x, add, `${fileName}: ${who}`);
        break;
      }
      case 'GlobalAveragePool':
        r = add('AdaptiveAvgPool2d', { output_size: 1 });
        break;
      case 'Flatten':
        r = Number(a.axis ?? 1) === 1 ? add('Flatten', {}) : err(`${fileName}: ${who}: only axis=1 is imported`);
        break;
      case 'Reshape': {
        // The batch size N (from Shape) may be the target's first element: written 0, which copies it.
        const t = inits.get(ins[1]);
        const target =
          t && (!holdsBatch(t) || (t.batch.length === 1 && t.batch[0] === 0)) ? tensorValues(t) : undefined;
        const flat =
          target && Number(a.allowzero ?? 0) === 0 ? reshapeAsFlatten(inShape, Array.from(target)) : undefined;
        r = flat
          ? add('Flatten', flat)
          : err(`${fileName}: ${who}: only a reshape that flattens a range of dims (nn.Flatten) is imported`);
        break;
      }
      case 'Relu':
        r = add('ReLU', {});
        break;
      case 'Clip':
      case 'HardSigmoid':
      case 'Softplus':
      case 'PRelu': {
        const act = activationLayer(op, a, n.input ?? [], constant, dimsOf, inShape);
        r = act.ok
          ? add(act.value.type, act.value.params, x, act.value.weights)
          : err(`${fileName}: ${who}: ${act.error}`);
        break;
      }
      case 'Sigmoid':
        r = add('Sigmoid', {});
        break;
      case 'Tanh':
        r = add('Tanh', {});
        break;
      case 'LeakyRelu':
        r = add('LeakyReLU', { negative_slope: Number(a.alpha ?? 0.01) });
        break;
      case 'Elu':
        r = add('ELU', { alpha: Number(a.alpha ?? 1) });
        break;
      case 'Softmax':
        r = add('Softmax', { dim: Number(a.axis ?? -1) });
        break;
      case 'LogSoftmax':
        r = add('LogSoftmax', { dim: Number(a.axis ?? -1) });
        break;
      case 'Dropout': {
        const ratio = ins[1] ? constant(ins[1])?.[0] : (a.ratio as number | undefined);
        r = add('Dropout', { p: Number(ratio ?? 0.5) });
        break;
      }
      case 'Add':
      case 'Sum':
        if (x.length !== ins.length) return err(`${fileName}: ${who}: adding a constant is not imported`);
        r = x.length === 1 ? ok(x[0]) : add('Add', {});
        break;
      case 'Concat':
        r = add('Concat', { dim: Number(a.axis ?? 1) });
        break;
      case 'Mul':
        // By a constant (a GELU or other pattern that did not match exactly): no PyTorch layer.
        if (x.length !== 2 || ins.length !== 2) return unsupported(op, who);
        r = add('Mul', {});
        break;
      case 'ReduceMean': {
        // Opset 13: axes attribute (18: an input); none means every dim, the batch included.
        const axes = (n.input?.[1] ? Array.from(constant(n.input[1]) ?? []) : (a.axes as number[] | undefined)) ?? [];
        // Over every dim or the batch (BatchNorm with batch statistics): no PyTorch layer of one sample.
        if (axes.length === 0 || axes.some((d) => d === 0 || d === -(inShape.length + 1))) return unsupported(op, who);
        r = add('Mean', { dim: axes.length === 1 ? axes[0] : axes, keepdim: Number(a.keepdims ?? 1) === 1 });
        break;
      }
      case 'LRN': {
        // ONNX's window is [c - floor((size-1)/2), c + ceil((size-1)/2)], PyTorch's [c - size//2, c + (size-1)//2]: equal for odd sizes.
        if (Number(a.size) % 2 === 0)
          return err(
            `${fileName}: ${who}: an LRN of even size ${a.size} is centred one channel later than PyTorch's LocalResponseNorm, which has no such option; it is not imported`,
          );
        r = add('LocalResponseNorm', {
          size: Number(a.size),
          alpha: Number(a.alpha ?? 1e-4),
          beta: Number(a.beta ?? 0.75),
          k: Number(a.bias ?? 1),
        });
        break;
      }
      case 'Resize': {
        const raw = n.input ?? [];
        const scales = raw[2] ? constant(raw[2]) : undefined;
        const sizes = raw[3] ? constant(raw[3]) : undefined;
        if ((raw[2] && !scales) || (raw[3] && !sizes))
          return err(`${fileName}: ${who}: only Resize by constant scales or sizes is imported`);
        const up = resizeLayer(a, scales, sizes, inShape);
        r = up.ok ? add(up.value.type, up.value.params) : err(`${fileName}: ${who}: ${up.error}`);
        break;
      }
      case 'Pad': {
        const raw = n.input ?? [];
        if ((raw[1] && !constant(raw[1])) || (raw[2] && !constant(raw[2])) || raw[3])
          return err(`${fileName}: ${who}: only Pad with constant pads and value (no axes) is imported`);
        const zp = zeroPadLayer(
          a,
          raw[1] ? constant(raw[1]) : (a.pads as number[] | undefined),
          raw[2] ? constant(raw[2])?.[0] : (a.value as number | undefined),
          inShape,
        );
        r = zp.ok ? add(zp.value.type, zp.value.params) : err(`${fileName}: ${who}: ${zp.error}`);
        break;
      }
      default:
        return unsupported(op, who);
    }
    if (!r.ok) return r;
    value.set(out, r.value);
  }
  if ((g.output ?? []).some((o) => !value.has(o.name)))
    return err(`${fileName}: an output of the graph is not produced by any node`);
  const restored = restoreModules(b.build(), origins, declared);
  if (restored.note) notes.push(restored.note);
  const kept = weights.filter((w) => !restored.sharers.has(w.name.slice(0, w.name.lastIndexOf('.'))));
  return ok({ graph: restored.graph, weights: kept, notes });
}

/** Multi-node forms imported as one layer (app/importers/onnx-patterns.ts). */
export const PATTERNS =
  'and as one layer: GELU (Div/Erf/Add/Mul/Mul or its tanh form), LocalResponseNorm (Mul/Conv/Mul/Add/Pow/Div as Netloom writes it, or the torch.onnx Unsqueeze/Pad/AveragePool/If form), AvgPool2d (AveragePool times a constant divisor map; Pad then AveragePool), Upsample to a size (Shape/Slice/Concat into Resize), AdaptiveAvgPool2d (Slice/ReduceMean/Concat), SiLU (Mul/Sigmoid), Hardswish (Mul/HardSigmoid), Mish (Mul/Tanh/Softplus), Softplus with beta (Mul/Softplus/Div)';

export const SUPPORTED = [
  'Conv',
  'Gemm',
  'MatMul',
  'BatchNormalization',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'Flatten',
  'Reshape',
  'Relu',
  'Clip',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'HardSigmoid',
  'Softplus',
  'Sigmoid',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'Dropout',
  'Identity',
  'Add',
  'Sum',
  'Mul',
  'ReduceMean',
  'Concat',
  'LRN',
  'Resize',
  'Pad',
];

type Add = (type: string, params: Record<string, unknown>, from?: string[]) => Result<string>;

/** Pools: ONNX pads [b_h, b_w, e_h, e_w] with larger end pads are PyTorch's ceil_mode. */
function pool(op: string, a: Attrs, inShape: Shape, x: string[], add: Add, who: string): Result<string> {
  const k = pairOf(a.kernel_shape as number[], 1);
  const s = pairOf(a.strides as number[], 1);
  const d = pairOf(a.dilations as number[], 1);
  const pads = (a.pads as number[]) ?? [0, 0, 0, 0];
  const floorOut = (i: number) =>
    Math.floor((inShape[i + 1] + pads[i] + pads[i + 2] - d[i] * (k[i] - 1) - 1) / s[i] + (a.ceil_mode ? 1 - 1e-9 : 0)) +
    1;
  const want = [floorOut(0), floorOut(1)];
  const type = op === 'MaxPool' ? 'MaxPool2d' : 'AvgPool2d';
  const base: Record<string, unknown> = {
    kernel_size: simple(k),
    stride: poolStride(k, s),
    padding: simple([pads[0], pads[1]]),
  };
  if (type === 'MaxPool2d' && (d[0] !== 1 || d[1] !== 1)) base.dilation = simple(d);
  if (type === 'AvgPool2d' && a.count_include_pad !== 1 && (pads[0] || pads[1])) base.count_include_pad = false;
  const symmetric = pads[0] === pads[2] && pads[1] === pads[3];
  // ceil_mode as the file says where it makes no difference at this input size (it would at another).
  for (const ceil of symmetric && !a.ceil_mode ? [false] : a.ceil_mode ? [true, false] : [false, true]) {
    const params = ceil ? { ...base, ceil_mode: true } : base;
    const spec = getLayer(type);
    const parsed = spec?.schema.safeParse(params);
    if (!parsed?.success) continue;
    const shape = spec?.inferShape([inShape], parsed.data);
    if (shape?.ok && shape.value[1] === want[0] && shape.value[2] === want[1]) return add(type, params, x);
  }
  return err(`${who}: pads ${JSON.stringify(pads)} have no PyTorch ${type} equivalent`);
}
