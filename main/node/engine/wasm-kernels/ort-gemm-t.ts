// Products with transposed operands on ONNX Runtime (MLAS packs a transposed operand as it
// reads it, so nothing is written out first): a Linear layer's input gradient dz . W^T and weight
// gradient x^T . dz (batch-matmul.ts), a convolution's filter gradient im2col(x)^T . dy
// (conv2d-backprop-filter.ts) and the per-tap products (tap-gemm.ts).
// The result is written straight into the caller's view (a pre-allocated output of the run).
import { onnxModel } from './onnx-model';
import { ortSession, runPreallocated } from './ort-gemm';

/**
 * Most floats of output one run writes. onnxruntime-node 1.30 hands every output back as a new
 * JavaScript copy, even a pre-allocated one (runPreallocated frees it right after the run); a VGG
 * classifier's weight gradient (25088 x 4096) in one run would be copied whole into 411 MB of
 * fresh pages per product (too large for malloc to reuse), which costs more than the product's
 * output itself. In row blocks of 4 MiB the copy stays small and in
 * cache: the 64 x 25088 x 4096 weight gradient took 210-220 CPU-ms in blocks of 1-2 Mi floats,
 * 280 in blocks of 4 Mi and 380 in one run (measured under load). MLAS repacks b per block,
 * which costs k * n per block against rows * k * n multiply-adds.
 */
const MAX_OUT_FLOATS = 1 << 20;

/**
 * Columns of a transposed `a` made contiguous for one row block, kept between calls up to
 * KEEP_SCRATCH_FLOATS (ResNet-18's filter gradients at 32x32 made a new 0.5 MiB one per call: garbage
 * for V8 every step); larger ones (big maps) are made per call rather than held for good.
 */
let kept = new Float32Array(0);
const KEEP_SCRATCH_FLOATS = 1 << 22;

/**
 * out [m, n] = op(a) . op(b), op the transpose where the flag is set: a is [m, k] ([k, m] with
 * transA), b is [k, n] ([n, k] with transB), all row-major views of exactly their sizes (on the
 * wasm heap or not). Returns false, having written nothing, where ONNX Runtime is off or missing.
 */
export function ortGemmT(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): boolean {
  const ta = transA ? 1 : 0,
    tb = transB ? 1 : 0;
  // One Gemm node, y = op(a) . op(b), symbolic dimensions, opset 13.
  const s = ortSession(`gemm:${ta}${tb}`, () =>
    onnxModel({
      nodes: [{ op: 'Gemm', inputs: ['a', 'b'], outputs: ['y'], attrs: { transA: ta, transB: tb } }],
      inputs: [
        { name: 'a', dims: ['p', 'q'] },
        { name: 'b', dims: ['r', 's'] },
      ],
      outputs: [{ name: 'y', dims: null }],
      opsets: { '': 13 },
    }),
  );
  if (s === null) return false;
  if (m * n === 0) return true;
  if (k === 0) {
    out.fill(0);
    return true;
  }
  const bTensor = new s.Tensor('float32', b, transB ? [n, k] : [k, n]);
  const rows = Math.max(1, Math.min(m, Math.floor(MAX_OUT_FLOATS / n)));
  let scratch: Float32Array | null = null;
  for (let i0 = 0; i0 < m; i0 += rows) {
    const r = Math.min(rows, m - i0);
    let part: Float32Array;
    if (!transA) part = a.subarray(i0 * k, (i0 + r) * k);
    else if (r === m) part = a;
    else {
      // Columns i0 .. i0 + r of a [k, m], made contiguous: [k, r].
      if (scratch === null) {
        if (kept.length < k * rows && k * rows <= KEEP_SCRATCH_FLOATS) kept = new Float32Array(k * rows);
        scratch = kept.length >= k * rows ? kept : new Float32Array(k * rows);
      }
      part = scratch.subarray(0, k * r);
      for (let q = 0; q < k; q++) part.set(a.subarray(q * m + i0, q * m + i0 + r), q * r);
    }
    runPreallocated(
      s.session,
      { a: new s.Tensor('float32', part, transA ? [k, r] : [r, k]), b: bTensor },
      { y: new s.Tensor('float32', out.subarray(i0 * n, (i0 + r) * n), [r, n]) },
    );
  }
  return true;
}
