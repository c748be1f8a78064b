// Convolutions on ONNX Runtime's MLAS direct convolution (the NCHWc kernels that ORT's graph
// optimizer puts in place of a Conv node whose weights are constant), called synchronously
// through onnxruntime-node on the tensors in the wasm heap (ort-gemm.ts has the binding).
// One small graph per geometry, built here (onnx-model.ts):
//   x [n, h, w, c] (NHWC, as tfjs-wasm stores it) -> nchwc.ReorderInput(channels_last)
//   -> nchwc.Conv(W packed as OIHWBiBo, optional bias and ReLU) -> nchwc.ReorderOutput(channels_last)
//   -> y [n, oh, ow, oc], written straight into the output tensor (a pre-allocated fetch).
// The weights change every step, so they are a graph input, not an initializer, and this file
// packs them into MLAS's blocked layout itself (packOIHWBiBo). No im2col matrix is written;
// where this is the fastest path is in directPreferred. The input gradient of a stride-1 convolution is
// the same kind of convolution of dy with the flipped, transposed filter (packFlippedOIHWBiBo).
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32, free, type WasmBackend } from './heap';
import type { Geometry } from './conv-info';
import { ortSession, runPreallocated, type OrtTensorCtor } from './ort-gemm';
import { onnxModel, type OnnxNode } from './onnx-model';

const NCHWC = 'com.microsoft.nchwc';

let mode: 'auto' | 'always' | 'off' = 'auto';

/**
 * 'auto': the direct convolution where it was measured faster than im2col + GEMM (see
 * directPreferred); 'always': wherever it applies (tests); 'off': never (tests, benchmarks).
 */
export function setOrtConv(m: 'auto' | 'always' | 'off'): void {
  mode = m;
}

/**
 * Where MLAS's direct convolution beat im2col + one GEMM and the per-tap GEMMs (tap-gemm.ts)
 * (CPU time, ResNet-18's and VGG-11's 3x3 convolutions at batch 64): stride 1 with output rows at
 * least 8 pixels wide (64->128 on 16x16: 27 ms against 37 for im2col; 64->64 on 8x8: 3.9 against
 * 4.5; their input gradients 24 against 58 and 3.7 against 6.4). Its kernel computes a few output
 * pixels of a row at a time and reads the whole filter for each row, so on narrower maps the
 * filter streams from memory for little work (256->512 on 4x4: 37 ms against 29 for im2col and
 * 23 for the per-tap GEMMs; 128->128 on 4x4: 4.1 against 2.7 per tap). Strided convolutions were
 * slower on it (64->128 stride 2 from 8x8: 2.7-3.9 ms against 2.1-2.4).
 */
function directPreferred(g: Geometry): boolean {
  if (mode === 'always') return true;
  return g.sh === 1 && g.sw === 1 && g.ow >= 8;
}

/** MLAS's NCHWc channel block (16 with AVX-512, 8 with AVX2), from a ReorderInput of 4 channels; 0 where it cannot run. */
let block: number | undefined;
export function nchwcBlock(): number {
  if (block !== undefined) return block;
  const o = ortSession('nchwc-block', () =>
    onnxModel({
      nodes: [{ op: 'ReorderInput', domain: NCHWC, inputs: ['x'], outputs: ['y'], attrs: { channels_last: 1 } }],
      inputs: [{ name: 'x', dims: [1, 1, 1, 4] }],
      outputs: [{ name: 'y', dims: null }],
      opsets: { '': 13, [NCHWC]: 1 },
    }),
  );
  if (o === null) return 0; // ONNX Runtime off or missing: ask again next time (it may be switched on)
  try {
    const r = o.session.run({ x: new o.Tensor('float32', new Float32Array(4), [1, 1, 1, 4]) }, { y: null }, {});
    const b = r.y.dims[1];
    block = Number.isInteger(b) && b >= 4 && b % 4 === 0 ? b : 0;
  } catch {
    block = 0;
  }
  return block;
}

/** One convolution as ORT runs it: NHWC in and out, explicit pads [top, left, bottom, right]. */
interface ConvSpec {
  c: number;
  oc: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  pads: [number, number, number, number];
  bias: boolean;
  relu: boolean;
}

const roundUp = (v: number, b: number) => Math.ceil(v / b) * b;

function convModel(s: ConvSpec, b: number): Uint8Array {
  const conv: OnnxNode = {
    op: 'Conv',
    domain: NCHWC,
    inputs: s.bias ? ['xr', 'w', 'b'] : ['xr', 'w'],
    outputs: ['yr'],
    attrs: {
      kernel_shape: [s.kh, s.kw],
      strides: [s.sh, s.sw],
      dilations: [1, 1],
      pads: s.pads,
      ...(s.relu ? { activation: 'Relu' } : {}),
    },
  };
  const inputs = [
    { name: 'x', dims: ['n', 'h', 'w', s.c] },
    { name: 'w', dims: [roundUp(s.oc, b), roundUp(s.c, b), s.kh, s.kw] },
  ];
  if (s.bias) inputs.push({ name: 'b', dims: [roundUp(s.oc, b)] });
  return onnxModel({
    nodes: [
      { op: 'ReorderInput', domain: NCHWC, inputs: ['x'], outputs: ['xr'], attrs: { channels_last: 1 } },
      conv,
      {
        op: 'ReorderOutput',
        domain: NCHWC,
        inputs: ['yr'],
        outputs: ['y'],
        attrs: { channels: s.oc, channels_last: 1 },
      },
    ],
    inputs,
    outputs: [{ name: 'y', dims: null }],
    opsets: { '': 13, [NCHWC]: 1 },
  });
}

// The packed filter and bias live outside the wasm heap (ORT reads any ArrayBuffer), reused.
let packed = new Float32Array(0);
let packedBias = new Float32Array(0);
function scratch(size: number): Float32Array {
  if (packed.length < size) packed = new Float32Array(size);
  return packed.subarray(0, size);
}

/**
 * W [kh, kw, c, oc] (tfjs's layout) -> MLAS's OIHWBiBo for block b:
 * out[ob][ib][i][j][bi][bo] = W[i, j, ib*b + bi, ob*b + bo], zero where a block passes c or oc.
 */
export function packOIHWBiBo(
  wv: Float32Array,
  kh: number,
  kw: number,
  c: number,
  oc: number,
  b: number,
  out: Float32Array,
): void {
  const cb = roundUp(c, b) / b,
    ob = roundUp(oc, b) / b;
  if (c % b !== 0 || oc % b !== 0) out.fill(0);
  let d = 0;
  for (let o = 0; o < ob; o++) {
    const o0 = o * b,
      on = Math.min(b, oc - o0);
    for (let ib = 0; ib < cb; ib++) {
      const i0 = ib * b,
        inn = Math.min(b, c - i0);
      for (let t = 0; t < kh * kw; t++) {
        for (let bi = 0; bi < inn; bi++) {
          const s = (t * c + i0 + bi) * oc + o0;
          for (let bo = 0; bo < on; bo++) out[d + bo] = wv[s + bo];
          d += b;
        }
        d += (b - inn) * b;
      }
    }
  }
}

/**
 * The input gradient's filter, W'[i, j, o, ch] = W[kh-1-i, kw-1-j, ch, o] (flipped, in and out
 * swapped: a convolution from oc channels to c), packed as OIHWBiBo directly from W.
 */
export function packFlippedOIHWBiBo(
  wv: Float32Array,
  kh: number,
  kw: number,
  c: number,
  oc: number,
  b: number,
  out: Float32Array,
): void {
  // The convolution's inputs are W's outputs (oc) and its outputs are W's inputs (c).
  const ib = roundUp(oc, b) / b,
    obk = roundUp(c, b) / b;
  if (c % b !== 0 || oc % b !== 0) out.fill(0);
  let d = 0;
  for (let o = 0; o < obk; o++) {
    const o0 = o * b,
      on = Math.min(b, c - o0);
    for (let q = 0; q < ib; q++) {
      const i0 = q * b,
        inn = Math.min(b, oc - i0);
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const t = (kh - 1 - i) * kw + (kw - 1 - j);
          for (let bi = 0; bi < inn; bi++) {
            // out[..][bi][bo] = W[t, o0 + bo, i0 + bi]: a column of W's [c, oc] slice of tap t
            let s = (t * c + o0) * oc + i0 + bi;
            for (let bo = 0; bo < on; bo++, s += oc) out[d + bo] = wv[s];
            d += b;
          }
          d += (b - inn) * b;
        }
      }
    }
  }
}

/** ORT's output size for explicit pads; the pads' bottom and right are clamped at 0 by the caller. */
function outSize(size: number, k: number, s: number, p0: number, p1: number): number {
  return Math.floor((size + p0 + p1 - k) / s) + 1;
}

/** Graphs ONNX Runtime refused to run (see runConvGraph). */
const rejected = new Set<string>();

/**
 * Runs the convolution graph of `key` (made by `model` on first use) into a new tensor of
 * `outShape` on the heap, its feeds made by `feeds` after that allocation (which may move the
 * heap). Null where ONNX Runtime is off or missing, or where it refused this graph: then `key` is
 * not tried again, and the caller's other path computes the geometry, now and later.
 */
export function runConvGraph(
  backend: WasmBackend,
  key: string,
  model: () => Uint8Array,
  outShape: number[],
  feeds: (Tensor: OrtTensorCtor) => Record<string, unknown>,
): TensorInfo | null {
  const o = rejected.has(key) ? null : ortSession(key, model);
  if (o === null) return null;
  const out = alloc(backend, outShape);
  try {
    runPreallocated(o.session, feeds(o.Tensor), { y: new o.Tensor('float32', f32(backend, out), outShape) });
  } catch {
    rejected.add(key);
    free(backend, out);
    return null;
  }
  return out;
}

function run(
  backend: WasmBackend,
  spec: ConvSpec,
  x: TensorInfo,
  xShape: number[],
  pack: (out: Float32Array, b: number) => void,
  bias: TensorInfo | null,
  outShape: number[],
): TensorInfo | null {
  const b = nchwcBlock();
  const key = `nchwc-conv:${JSON.stringify(spec)}`;
  if (b === 0 || rejected.has(key)) return null; // (before packing the filter for nothing)
  const wDims = [roundUp(spec.oc, b), roundUp(spec.c, b), spec.kh, spec.kw];
  const w = scratch(wDims[0] * wDims[1] * spec.kh * spec.kw);
  pack(w, b);
  let bv: Float32Array | null = null;
  if (bias !== null) {
    if (packedBias.length < wDims[0]) packedBias = new Float32Array(wDims[0]);
    bv = packedBias.subarray(0, wDims[0]);
    bv.fill(0);
    bv.set(f32(backend, bias));
  }
  return runConvGraph(
    backend,
    key,
    () => convModel(spec, b),
    outShape,
    (T) => ({
      x: new T('float32', f32(backend, { ...x, shape: xShape }), xShape),
      w: new T('float32', w, wDims),
      ...(bv ? { b: new T('float32', bv, [wDims[0]]) } : {}),
    }),
  );
}

/** Dilation 1, channels in whole vectors (MLAS's reorders take multiples of 4), and ONNX Runtime loaded. */
export function ortConvApplies(g: Geometry): boolean {
  return mode !== 'off' && g.dh === 1 && g.dw === 1 && g.c % 4 === 0 && nchwcBlock() > 0;
}

/**
 * Explicit pads [top, left, bottom, right] for an ORT Conv that give tfjs's output size, or null
 * (negative padding). The bottom and right ones are clamped at 0: where tfjs leaves the last rows or
 * columns unread, ORT drops them too when its output size comes out the same. Dilated kernels span
 * (k - 1) * d + 1 pixels.
 */
export function padsFor(g: Geometry): [number, number, number, number] | null {
  const spanH = (g.kh - 1) * g.dh + 1,
    spanW = (g.kw - 1) * g.dw + 1;
  const pb = Math.max(0, (g.oh - 1) * g.sh + spanH - g.h - g.pt),
    pr = Math.max(0, (g.ow - 1) * g.sw + spanW - g.w - g.pl);
  if (g.pt < 0 || g.pl < 0) return null;
  if (outSize(g.h, spanH, g.sh, g.pt, pb) !== g.oh || outSize(g.w, spanW, g.sw, g.pl, pr) !== g.ow) return null;
  return [g.pt, g.pl, pb, pr];
}

/** conv2d(x, filter) + bias, then ReLU if asked, [n, oh, ow, oc]; null where it does not apply (the caller falls back). */
export function ortConvForward(
  backend: WasmBackend,
  x: TensorInfo,
  filter: TensorInfo,
  bias: TensorInfo | null,
  relu: boolean,
  g: Geometry,
): TensorInfo | null {
  const pads = padsFor(g);
  if (!ortConvApplies(g) || pads === null || !directPreferred(g)) return null;
  const spec: ConvSpec = { c: g.c, oc: g.oc, kh: g.kh, kw: g.kw, sh: g.sh, sw: g.sw, pads, bias: bias !== null, relu };
  return run(
    backend,
    spec,
    x,
    [g.n, g.h, g.w, g.c],
    (out, b) => packOIHWBiBo(f32(backend, filter), g.kh, g.kw, g.c, g.oc, b, out),
    bias,
    [g.n, g.oh, g.ow, g.oc],
  );
}

/**
 * The input gradient of a stride-1 convolution, dx = conv2d(dy, W') with W' flipped and
 * transposed, padded by kh-1-pt on top and kw-1-pl on the left (input-grad-conv.ts has the same
 * rule for XNNPACK); null where it does not apply (strides, dilations, oc not a multiple of 4)
 * or is not the faster path (directPreferred, and 16 or more input channels: the input gradient
 * of VGG's 3->64 first layer took 14 ms on it against 5.4 as GEMM + col2im).
 */
export function ortConvInputGrad(
  backend: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  g: Geometry,
): TensorInfo | null {
  const { h, w, oh, ow, kh, kw, pt, pl } = g;
  if (
    mode === 'off' ||
    !directPreferred(g) ||
    g.sh !== 1 ||
    g.sw !== 1 ||
    g.dh !== 1 ||
    g.dw !== 1 ||
    g.oc % 4 !== 0 ||
    (mode === 'auto' && g.c < 16)
  )
    return null;
  const top = kh - 1 - pt,
    left = kw - 1 - pl;
  const bottom = h + kh - 1 - oh - top,
    right = w + kw - 1 - ow - left;
  if (top < 0 || left < 0 || bottom < 0 || right < 0 || nchwcBlock() === 0) return null;
  const spec: ConvSpec = {
    c: g.oc,
    oc: g.c,
    kh,
    kw,
    sh: 1,
    sw: 1,
    pads: [top, left, bottom, right],
    bias: false,
    relu: false,
  };
  return run(
    backend,
    spec,
    dy,
    [g.n, oh, ow, g.oc],
    (out, b) => packFlippedOIHWBiBo(f32(backend, filter), kh, kw, g.c, g.oc, b, out),
    null,
    [g.n, h, w, g.c],
  );
}
