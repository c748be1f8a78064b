// Products with transposed operands on ONNX Runtime (MLAS packs a transposed operand as it
// reads it, so nothing is written out first), for BatchMatMul and _FusedMatMul
// (batch-matmul.ts): a Linear layer's input gradient is dz . W^T and its weight gradient x^T . dz.
// The result is written straight into the caller's view (a pre-allocated output of the run).
import { ortSession } from './ort-gemm';

// One Gemm node, y = op(a) . op(b) with op the transpose where transA / transB is 1: a [m, k]
// (transA: [k, m]), b [k, n] (transB: [n, k]), y [m, n], symbolic dimensions, opset 13, made with
// onnx.helper (make_node('Gemm', ['a', 'b'], ['y'], transA=.., transB=..), ir_version 7) and
// serialized. Keys: transA then transB.
const GEMM_ONNX: Record<string, string> = {
  '00': 'CAc6dwotCgFhCgFiEgF5IgRHZW1tKg0KBnRyYW5zQRgAoAECKg0KBnRyYW5zQhgAoAECEgFnWhUKAWESEAoOCAESCgoDEgFtCgMSAWtaFQoBYhIQCg4IARIKCgMSAWsKAxIBbmIVCgF5EhAKDggBEgoKAxIBbQoDEgFuQgQKABAN',
  '10': 'CAc6dwotCgFhCgFiEgF5IgRHZW1tKg0KBnRyYW5zQRgBoAECKg0KBnRyYW5zQhgAoAECEgFnWhUKAWESEAoOCAESCgoDEgFrCgMSAW1aFQoBYhIQCg4IARIKCgMSAWsKAxIBbmIVCgF5EhAKDggBEgoKAxIBbQoDEgFuQgQKABAN',
  '01': 'CAc6dwotCgFhCgFiEgF5IgRHZW1tKg0KBnRyYW5zQRgAoAECKg0KBnRyYW5zQhgBoAECEgFnWhUKAWESEAoOCAESCgoDEgFtCgMSAWtaFQoBYhIQCg4IARIKCgMSAW4KAxIBa2IVCgF5EhAKDggBEgoKAxIBbQoDEgFuQgQKABAN',
  '11': 'CAc6dwotCgFhCgFiEgF5IgRHZW1tKg0KBnRyYW5zQRgBoAECKg0KBnRyYW5zQhgBoAECEgFnWhUKAWESEAoOCAESCgoDEgFrCgMSAW1aFQoBYhIQCg4IARIKCgMSAW4KAxIBa2IVCgF5EhAKDggBEgoKAxIBbQoDEgFuQgQKABAN',
};

/**
 * Most floats of output one run writes. onnxruntime-node 1.30 hands every output back as a new
 * JavaScript copy, even a pre-allocated one; a VGG classifier's weight gradient (25088 x 4096)
 * would leave a 411 MB copy for the garbage collector per product, and the copy into fresh pages
 * costs more than the product's output itself. In row blocks of 4 MiB the copy stays small and in
 * cache: the 64 x 25088 x 4096 weight gradient took 210-220 CPU-ms in blocks of 1-2 Mi floats,
 * 280 in blocks of 4 Mi and 380 in one run (measured under load). MLAS repacks b per block,
 * which costs k * n per block against rows * k * n multiply-adds.
 */
const MAX_OUT_FLOATS = 1 << 20;

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
  const flags = `${transA ? 1 : 0}${transB ? 1 : 0}`;
  const s = ortSession(`gemm-${flags}`, () => Buffer.from(GEMM_ONNX[flags], 'base64'));
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
      scratch ??= new Float32Array(k * rows);
      part = scratch.subarray(0, k * r);
      for (let q = 0; q < k; q++) part.set(a.subarray(q * m + i0, q * m + i0 + r), q * r);
    }
    s.session.run(
      { a: new s.Tensor('float32', part, transA ? [k, r] : [r, k]), b: bTensor },
      { y: new s.Tensor('float32', out.subarray(i0 * n, (i0 + r) * n), [r, n]) },
      {},
    );
  }
  return true;
}
