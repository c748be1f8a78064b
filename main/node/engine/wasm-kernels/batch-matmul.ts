// BatchMatMul and _FusedMatMul for the wasm backend. Where ONNX Runtime loads (ort-gemm.ts),
// products of some size run on its MLAS GEMM with the transpose flags (ort-gemm-t.ts): a
// Linear layer's forward (_FusedMatMul: product, bias and activation), its input gradient
// dz . W^T and its weight gradient x^T . dz, without writing a transposed operand out. Batch
// dimensions broadcast as tfjs defines; a batch of products with a broadcast right operand and
// no transposed left one is one product. The bias and activation of _FusedMatMul follow in one
// pass over the result, as tfjs-core defines them (linear, relu, relu6, prelu, leakyrelu,
// sigmoid, elu; a bias of one value or one per output column).
// Otherwise (ONNX Runtime off or missing, small products, other dtypes): tfjs-backend-wasm sends
// every product with a transposed operand to a scalar loop, so a batch-1 product with a
// transposed operand writes that operand out once and runs the backend's XNNPACK path; the rest
// is the backend's own kernel.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { broadcast_util } from '@tensorflow/tfjs-core';
import { alloc, asWasm, f32, free, offsetOf, type WasmBackend } from './heap';
import { simdKernels } from './simd';
import { transpose2d } from './conv2d-backprop-input';
import { ortGemmActive } from './ort-gemm';
import { ortGemmT } from './ort-gemm-t';

interface Attrs {
  transposeA: boolean;
  transposeB: boolean;
}
type Args = { inputs: { a: TensorInfo; b: TensorInfo }; backend: unknown; attrs: Attrs };

type Activation = 'linear' | 'relu' | 'relu6' | 'prelu' | 'leakyrelu' | 'sigmoid' | 'elu';
interface FusedAttrs extends Attrs {
  activation: Activation;
  leakyreluAlpha?: number;
}
type FusedArgs = {
  inputs: { a: TensorInfo; b: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: unknown;
  attrs: FusedAttrs;
};

/**
 * Multiply-adds per product from which ONNX Runtime takes a product: one run costs about 10 us
 * of fixed overhead. A plain batch-1 product stays on XNNPACK below 2^17 (about 50^3), where
 * XNNPACK's lower overhead outweighs MLAS's higher throughput; a product with a transposed
 * operand or batch dimensions would otherwise take a copy or the backend's scalar loop, so it
 * moves from 2^12.
 */
const ORT_MIN_PLAIN = 1 << 17;
const ORT_MIN_OTHER = 1 << 12;

function size(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

function batchOf(t: TensorInfo): number {
  return size(t.shape.slice(0, -2));
}

function transposedCopy(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const r = t.shape.length;
  const rows = t.shape[r - 2],
    cols = t.shape[r - 1];
  const out = alloc(backend, [cols, rows]);
  const simd = simdKernels(backend);
  if (simd) simd.swap_axes(offsetOf(backend, t), offsetOf(backend, out), rows, cols, 1);
  else transpose2d(f32(backend, t), rows, cols, f32(backend, out));
  return out;
}

/** For each output batch index, the batch index of an operand with batch dims `dims` (broadcast). */
function batchIndex(outBatch: number[], dims: number[]): (i: number) => number {
  const rank = outBatch.length;
  const padded = [...new Array<number>(rank - dims.length).fill(1), ...dims];
  const strides = new Array<number>(rank);
  for (let j = rank - 1, s = 1; j >= 0; j--) {
    strides[j] = padded[j] === 1 ? 0 : s;
    s *= padded[j];
  }
  return (i) => {
    let at = 0;
    for (let j = rank - 1; j >= 0; j--) {
      const c = i % outBatch[j];
      i = (i - c) / outBatch[j];
      at += c * strides[j];
    }
    return at;
  };
}

/** The product on ONNX Runtime, or null where it does not take it (the caller runs the fallback). */
function ortProduct(backend: WasmBackend, a: TensorInfo, b: TensorInfo, ta: boolean, tb: boolean): TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || !ortGemmActive()) return null;
  const ra = a.shape.length,
    rb = b.shape.length;
  if (ra < 2 || rb < 2) return null;
  const m = ta ? a.shape[ra - 1] : a.shape[ra - 2],
    k = ta ? a.shape[ra - 2] : a.shape[ra - 1];
  const n = tb ? b.shape[rb - 2] : b.shape[rb - 1];
  if ((tb ? b.shape[rb - 1] : b.shape[rb - 2]) !== k) return null; // the backend's kernel reports it
  const aDims = a.shape.slice(0, -2),
    bDims = b.shape.slice(0, -2);
  let outBatch: number[];
  try {
    outBatch = broadcast_util.assertAndGetBroadcastShape(aDims, bDims);
  } catch {
    return null;
  }
  const batches = size(outBatch);
  const plain = !ta && !tb && batches === 1;
  if (m * k * n < (plain ? ORT_MIN_PLAIN : ORT_MIN_OTHER)) return null;
  const out = alloc(backend, [...outBatch, m, n]);
  // Views only after the last allocation.
  const av = f32(backend, a),
    bv = f32(backend, b),
    ov = f32(backend, out);
  let ok = true;
  if (!ta && size(bDims) === 1) {
    // Every left matrix against the same right one: rows stacked, one product.
    ok = ortGemmT(av, bv, ov, batches * m, k, n, false, tb);
  } else {
    const ia = batchIndex(outBatch, aDims),
      ib = batchIndex(outBatch, bDims);
    for (let i = 0; i < batches && ok; i++) {
      const pa = ia(i) * m * k,
        pb = ib(i) * k * n;
      ok = ortGemmT(
        av.subarray(pa, pa + m * k),
        bv.subarray(pb, pb + k * n),
        ov.subarray(i * m * n, (i + 1) * m * n),
        m,
        k,
        n,
        ta,
        tb,
      );
    }
  }
  if (!ok) {
    free(backend, out);
    return null;
  }
  return out;
}

export function makeBatchMatMul(original: KernelConfig): KernelConfig {
  function batchMatMul(args: Args): TensorInfo {
    const {
      inputs: { a, b },
      attrs,
    } = args;
    const backend = asWasm(args.backend);
    const viaOrt = ortProduct(backend, a, b, attrs.transposeA, attrs.transposeB);
    if (viaOrt) return viaOrt;
    const plain = !attrs.transposeA && !attrs.transposeB;
    if (plain || batchOf(a) !== 1 || batchOf(b) !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return original.kernelFunc(args as never) as TensorInfo;
    }
    const a2 = attrs.transposeA ? transposedCopy(backend, a) : a;
    const b2 = attrs.transposeB ? transposedCopy(backend, b) : b;
    const out = original.kernelFunc({
      inputs: { a: a2, b: b2 },
      backend: args.backend,
      attrs: { transposeA: false, transposeB: false },
    } as never) as TensorInfo;
    if (a2 !== a) free(backend, a2);
    if (b2 !== b) free(backend, b2);
    const outShape = [
      ...(a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2),
      out.shape[out.shape.length - 2],
      out.shape[out.shape.length - 1],
    ];
    return { ...out, shape: outShape };
  }
  return {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: batchMatMul as unknown as KernelFunc,
  };
}

/** Whether a per-column operand (bias, PReLU weights) has one value or one per output column. */
function perColumn(t: TensorInfo | undefined, n: number): boolean {
  if (t === undefined) return true;
  const s = size(t.shape);
  return s === 1 || (s === n && t.shape[t.shape.length - 1] === n);
}

const ACTIVATIONS: readonly string[] = ['linear', 'relu', 'relu6', 'prelu', 'leakyrelu', 'sigmoid', 'elu'];

/**
 * y = act(y + bias) in place over [rows, n], bias and alpha (PReLU's weights) with one value or
 * one per column; tfjs-core's definitions of the activations.
 */
export function biasActivation(
  y: Float32Array,
  n: number,
  bias: Float32Array | null,
  activation: Activation,
  leakyAlpha: number,
  prelu: Float32Array | null,
): void {
  const len = y.length;
  if (bias) {
    if (bias.length === 1) {
      const v = bias[0];
      for (let i = 0; i < len; i++) y[i] += v;
    } else {
      for (let i = 0; i < len; i += n) for (let j = 0; j < n; j++) y[i + j] += bias[j];
    }
  }
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < len; i++) if (y[i] < 0) y[i] = 0;
      return;
    case 'relu6':
      for (let i = 0; i < len; i++) y[i] = y[i] < 0 ? 0 : y[i] > 6 ? 6 : y[i];
      return;
    case 'leakyrelu':
      for (let i = 0; i < len; i++) if (y[i] < 0) y[i] *= leakyAlpha;
      return;
    case 'prelu': {
      const w = prelu as Float32Array;
      if (w.length === 1) {
        for (let i = 0; i < len; i++) if (y[i] < 0) y[i] *= w[0];
      } else {
        for (let i = 0; i < len; i += n) for (let j = 0; j < n; j++) if (y[i + j] < 0) y[i + j] *= w[j];
      }
      return;
    }
    case 'sigmoid':
      for (let i = 0; i < len; i++) y[i] = 1 / (1 + Math.exp(-y[i]));
      return;
    case 'elu':
      for (let i = 0; i < len; i++) if (y[i] < 0) y[i] = Math.exp(y[i]) - 1;
      return;
  }
}

/**
 * _FusedMatMul: the product on ONNX Runtime and then bias and activation in one pass. Without
 * ONNX Runtime the backend's fused kernel runs a plain product of batch 1; it computes wrong
 * values with a transposed operand or more than one batch, and reads a bias or PReLU weights of
 * one value as one value per column (past the end of the tensor), so there the product is
 * `batchMatMul`'s and the rest is done here.
 */
export function makeFusedMatMul(original: KernelConfig, batchMatMul: KernelConfig): KernelConfig {
  function fusedMatMul(args: FusedArgs): TensorInfo {
    const {
      inputs: { a, b, bias, preluActivationWeights: prelu },
      attrs,
    } = args;
    const backend = asWasm(args.backend);
    const n = attrs.transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
    const supported =
      ACTIVATIONS.includes(attrs.activation) &&
      perColumn(bias, n) &&
      (attrs.activation !== 'prelu' || (prelu !== undefined && perColumn(prelu, n))) &&
      (bias === undefined || bias.dtype === 'float32');
    if (!supported) return original.kernelFunc(args as never) as TensorInfo;
    let out = ortProduct(backend, a, b, attrs.transposeA, attrs.transposeB);
    if (out === null) {
      const scalar = (t: TensorInfo | undefined) => t !== undefined && n > 1 && size(t.shape) === 1;
      const plain = !attrs.transposeA && !attrs.transposeB && batchOf(a) === 1 && batchOf(b) === 1;
      if (plain && !scalar(bias) && !(attrs.activation === 'prelu' && scalar(prelu)))
        return original.kernelFunc(args as never) as TensorInfo;
      out = batchMatMul.kernelFunc({
        inputs: { a, b },
        backend: args.backend,
        attrs: { transposeA: attrs.transposeA, transposeB: attrs.transposeB },
      } as never) as TensorInfo;
    }
    biasActivation(
      f32(backend, out),
      n,
      bias ? f32(backend, bias) : null,
      attrs.activation,
      attrs.leakyreluAlpha ?? 0,
      attrs.activation === 'prelu' && prelu ? f32(backend, prelu) : null,
    );
    return out;
  }
  return {
    kernelName: '_FusedMatMul',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: fusedMatMul as unknown as KernelFunc,
  };
}
