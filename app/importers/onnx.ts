/**
 * ONNX -> an editable Graph (laid out top-down) plus its weights by node id. Each operator is read
 * by its kind's `app/layers/<kind>/onnx-import.ts` (the table is importers/tables.ts: Conv, Gemm,
 * MatMul, BatchNormalization, pools, Flatten/Reshape, activations, Add/Sum, Mul, ReduceMean, Concat,
 * Resize, LRN, Pad, ...); the multi-node forms of onnx-patterns.ts (GELU, LocalResponseNorm,
 * AvgPool2d divisors, Upsample to a size, ...) come first. This file keeps the walk: constants,
 * patterns, the shape check of each layer and its weights. Any other operator is an error naming
 * it and its node, listing the table. The module tree comes back from the operators' torch.onnx
 * scopes and parameter names (modules.ts).
 */
import { LAYERS_META, MODULES_META } from '../compiler/onnx/model';
import type { Graph, Shape } from '../graph/types';
import { getLayer, LAYERS } from '../layers/registry';
import { err, ok, type Result } from '../result';
import { splitValueKey, valueKey } from '../graph/ports';
import { GraphBuilder, type Out } from '../templates/builder';
import { analyzeGraph } from '../shapes/analyze';
import { parseDeclaredLayers, sameComputation } from './declared';
import { modulePathOfParam, type NodeOrigin, parseDeclaredModules, restoreModules, scopeOfNodeName } from './modules';
import { indexGraph } from './onnx-match';
import { findPatterns } from './onnx-patterns';
import { FOLDED_OPS, foldConstant, holdsBatch } from './onnx-fold';
import { mergeSlicePieces, slicePiece } from './onnx-slice';
import { closestKinds } from './onnx-suggest';
import { UNMAPPED_OPERATOR } from '../protocol/import-unmapped';
import { namePlaceholders, placeholderParams } from './onnx-placeholder';
import { UNSUPPORTED_TYPE } from '../layers/unsupported/spec';
import type { ImportedWeight } from './kind-import';
import { ONNX_IMPORTS } from './tables';
import { attrs, type OnnxModelIn, type OnnxNodeIn, type OnnxTensorIn, tensorValues } from './onnx-types';

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
  /** With `partial`: one sentence per operator left as an `Unsupported` placeholder (an error on the canvas). */
  placeholders?: string[];
}

export interface OnnxImportOptions {
  /** Import the rest when an operator has no kind: the node becomes an `Unsupported` placeholder. */
  partial?: boolean;
}

export function importOnnx(
  model: OnnxModelIn,
  fileName = 'model.onnx',
  options: OnnxImportOptions = {},
): Result<ImportResult> {
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
  const placeholders: string[] = [];
  // What Netloom's own export declares (absent in other files): named_modules() and each layer's arguments.
  const meta = (key: string) => (model.metadataProps ?? []).find((m) => m.key === key)?.value;
  const declared = parseDeclaredModules(meta(MODULES_META));
  const declaredLayers = parseDeclaredLayers(meta(LAYERS_META));
  const origins = new Map<string, NodeOrigin>();
  /** Splits made from torch.onnx's Slice pieces, merged at the end (onnx-slice.ts). */
  const slices = new Set<string>();
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
  // A value that holds the batch size (Shape of a live value, onnx-fold.ts) is no constant, except as
  // a Reshape target whose first element it is (written 0 there, which copies the input's batch).
  const constant = (name: string, reshapeTarget = false): Float64Array | undefined => {
    const t = inits.get(name);
    if (!t) return undefined;
    if (holdsBatch(t) && !(reshapeTarget && t.batch.length === 1 && t.batch[0] === 0 && t.dims?.length === 1))
      return undefined;
    return tensorValues(t);
  };
  const dimsOf = (name: string): number[] => (inits.get(name)?.dims ?? []).map(Number);
  // Constants first (torch.onnx places them beside their readers), so patterns see them all.
  for (const n of g.node) {
    const t = constantTensor(n);
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
  // Shape arithmetic evaluated on the way (its values known only now) can complete a pattern
  // (ShuffleNet's channel shuffle: Reshape/Transpose/Reshape to [N, 2, C/2, H, W]): look again.
  let stale = false;
  const refresh = (k: number) => {
    stale = false;
    for (const [key, p] of findPatterns(index))
      if (!patterns.has(key) && p.nodes.every((j) => j >= k || folded.has(j))) patterns.set(key, p);
    folded = new Set([...patterns.values()].flatMap((p) => p.nodes));
  };
  // The operator, its node and the kinds closest to it (onnx-suggest.ts), then everything Netloom imports.
  const closest = (op: string) =>
    closestKinds(
      op,
      LAYERS.map((l) => l.type),
    );
  const unsupported = (op: string, who: string) =>
    err(
      `${fileName}: ${UNMAPPED_OPERATOR} ${op} at ${who.replace(/ \(.*\)$/, '')} (closest Netloom kinds: ${closest(op).join(', ')}): Netloom imports ${SUPPORTED.join(', ')}; ${PATTERNS}`,
    );
  for (const [k, n] of g.node.entries()) {
    const op = n.opType ?? '';
    const who = `node ${n.name || `#${k}`} (${op})`;
    const ins = (n.input ?? []).filter((x) => x !== '');
    if (stale && !(FOLDED_OPS.has(op) || op === 'Constant')) refresh(k);
    const pattern = patterns.get(k);
    if (folded.has(k) && !pattern) continue;
    // Constants (Constant nodes, Identity copies of initializers, folded shape arithmetic): evaluated above.
    const out0 = n.output?.[0];
    if (out0 && op === 'Constant') {
      if (!constantTensor(n)) return err(`${fileName}: ${who}: only tensor constants are imported`);
      continue;
    }
    if (out0 && (op === 'Identity' || FOLDED_OPS.has(op)) && inits.has(out0)) continue;
    // Shape arithmetic on a live value of known shape (torch.onnx's chunk, x.view(x.size(0), -1),
    // channel_shuffle's Reshape targets), evaluated here with the batch size N as a symbol: onnx-fold.ts.
    const fold =
      out0 && FOLDED_OPS.has(op)
        ? foldConstant(
            n,
            (q) => inits.get(q),
            (q) => shapes.get(value.get(q) ?? ''),
          )
        : undefined;
    if (fold) {
      inits.set(fold.name, fold);
      stale = true;
      continue;
    }
    const data = (pattern ? [pattern.input] : ins.filter((x) => !inits.has(x))).map((x) => value.get(x));
    if (data.some((x) => x === undefined)) return err(`${fileName}: ${who} reads a value no earlier node produces`);
    const x = data as string[];
    const out = n.output?.[0];
    if (!out) return err(`${fileName}: ${who} has no output`);
    const add = (
      type: string,
      params: Record<string, unknown>,
      from: string[] = x,
      w: Record<string, ImportedWeight> = {},
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
      const inShapes = from.map((f) => shapes.get(f) as Shape);
      const s = spec.inferOutputs?.(inShapes, parsed.data) ?? spec.inferShape(inShapes, parsed.data);
      if (!s.ok) return err(`${fileName}: ${who} as ${type}: ${s.error}`);
      const outs = spec.inferOutputs ? (s.value as Shape[]) : [s.value as Shape];
      if (op === 'Split' && outs.length !== (n.output ?? []).length)
        return err(`${fileName}: ${who} as ${type} makes ${outs.length} outputs, the file ${(n.output ?? []).length}`);
      const id = b.layer(type, params, from.map(sourceOf));
      outs.forEach((o, k) => shapes.set(valueKey(id, k), o));
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
    /** An operator without a kind: the error, or with `partial` a placeholder of the file's shape (onnx-placeholder.ts). */
    const unmapped = (): Result<void> => {
      if (!options.partial) return unsupported(op, who);
      const nodeName = n.name || `#${k}`;
      const p = placeholderParams(
        model,
        op,
        nodeName,
        n.output ?? [],
        closest(op),
        x.map((v) => shapes.get(v) ?? []),
      );
      if (!p.ok) return err(`${fileName}: ${who}: ${p.error}`);
      const r = add(UNSUPPORTED_TYPE, p.value);
      if (!r.ok) return r;
      value.set(out, r.value);
      placeholders.push(r.value);
      return ok(undefined);
    };
    const inShape = shapes.get(x[0]) ?? [];
    /** Each output of the node gets its value: output k of the layer `id` made for it. */
    const setOutputs = (id: string) =>
      (n.output ?? []).forEach((o, k) => o && value.set(o, k === 0 ? id : valueKey(id, k)));
    if (pattern) {
      const layer = pattern.layer(inShape);
      if (!layer) {
        const u = unmapped();
        if (!u.ok) return u;
        continue;
      }
      const r = add(layer.type, layer.params, x, layer.weights);
      if (!r.ok) return r;
      value.set(out, r.value);
      continue;
    }
    const piece = op === 'Slice' && x.length === 1 ? slicePiece(n.input ?? [], inShape, constant) : undefined;
    if (piece) {
      const r = add('Split', piece.params);
      if (!r.ok) return r;
      slices.add(r.value);
      value.set(out, valueKey(r.value, piece.port));
      continue;
    }
    const entry = ONNX_IMPORTS.get(op);
    if (!entry) {
      const u = unmapped();
      if (!u.ok) return u;
      continue;
    }
    const layer = entry.convert({
      op,
      attrs: attrs(n),
      inputs: n.input ?? [],
      ins,
      dataCount: x.length,
      inShape,
      constant: (v) => constant(v, op === 'Reshape' && v === n.input?.[1]),
      dims: dimsOf,
      declaredType: declaredLayers?.get(out)?.type,
      producer: model.producerName,
      outputCount: (n.output ?? []).filter((o) => o !== '').length,
    });
    if (!layer.ok) return err(`${fileName}: ${who}: ${layer.error}`);
    if (layer.value === 'unsupported') {
      const u = unmapped();
      if (!u.ok) return u;
      continue;
    }
    if (layer.value === 'input') {
      value.set(out, x[0]);
      continue;
    }
    const r = add(layer.value.type, layer.value.params, x, layer.value.weights);
    if (!r.ok) return r;
    setOutputs(r.value);
  }
  if ((g.output ?? []).some((o) => !value.has(o.name)))
    return err(`${fileName}: an output of the graph is not produced by any node`);
  const merged = mergeSlicePieces(b.build(), slices);
  for (const id of merged.removed) origins.delete(id);
  const restored = restoreModules(merged.graph, origins, declared);
  if (restored.note) notes.push(restored.note);
  const kept = weights.filter((w) => !restored.sharers.has(w.name.slice(0, w.name.lastIndexOf('.'))));
  if (placeholders.length === 0)
    return ok({ graph: restored.graph, weights: kept, notes, ...(options.partial ? { placeholders } : {}) });
  // Each placeholder named by its module path (onnx-placeholder.ts), as its error on the canvas names it.
  const graph = namePlaceholders(restored.graph);
  const a = analyzeGraph(graph);
  const said = graph.nodes
    .filter((n) => n.type === UNSUPPORTED_TYPE)
    .map(
      (n) =>
        `${a.nodes.get(n.id)?.error?.message ?? `${n.id}: a placeholder`}; compile, export and train refuse the project until then`,
    );
  return ok({ graph, weights: kept, notes, placeholders: said });
}

/** A value key (graph/ports.ts) as a source of GraphBuilder.layer: the id, or output `port` of a Split. */
function sourceOf(key: string): string | Out {
  const { node, port } = splitValueKey(key);
  return port === 0 ? node : { id: node, port };
}

/** A Constant node's tensor (other constants, such as value_float, are not imported). */
function constantTensor(n: OnnxNodeIn): OnnxTensorIn | undefined {
  return n.opType === 'Constant' ? (n.attribute ?? []).find((at) => at.name === 'value')?.t : undefined;
}

/** Multi-node forms imported as one layer (app/importers/onnx-patterns.ts). */
export const PATTERNS =
  'and as one layer: GELU (Div/Erf/Add/Mul/Mul or its tanh form), LocalResponseNorm (Mul/Conv/Mul/Add/Pow/Div as Netloom writes it, or the torch.onnx Unsqueeze/Pad/AveragePool/If form), AvgPool2d (AveragePool times a constant divisor map; Pad then AveragePool), Upsample to a size (Shape/Slice/Concat into Resize), AdaptiveAvgPool2d (Slice/ReduceMean/Concat), SiLU (Mul/Sigmoid), Hardswish (Mul/HardSigmoid), Mish (Mul/Tanh/Softplus), Softplus with beta (Mul/Softplus/Div), LayerNorm (ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add), GroupNorm (Reshape/InstanceNormalization/Reshape/Mul/Add), ChannelShuffle (Reshape/Transpose/Reshape)';

/** The operators Netloom imports one by one, in the registry's order (the kinds' onnx-import.ts). */
export const SUPPORTED: readonly string[] = [...ONNX_IMPORTS.keys()];
