/**
 * Weight layouts between PyTorch and tfjs, in plain JavaScript (tfjs's cpu backend took 8.7 s to
 * transpose VGG's 25088x4096 Linear; this takes well under a second):
 * - conv: PyTorch [O, I, kh, kw] <-> tfjs [kh, kw, I, O]; a depthwise kernel is PyTorch
 *   [C*M, 1, kh, kw] <-> tfjs [kh, kw, C, M], the same element order as [kh, kw, 1, C*M];
 * - linear: PyTorch [O, I] <-> tfjs [I, O].
 * Both are one transpose of PyTorch's [O, R] (R = I*kh*kw) with tfjs's rows in another order.
 */

export type LayoutKind = 'conv' | 'conv1d' | 'depthwise' | 'linear';

/** Whether a binding kind is stored in another layout than PyTorch's. */
export const isLayoutKind = (k: string): k is LayoutKind =>
  k === 'conv' || k === 'conv1d' || k === 'depthwise' || k === 'linear';

const BLOCK = 32;

/** For PyTorch's flat index r = (c*kh + y)*kw + x inside one output channel: tfjs's row (y*kw + x)*I + c. */
function rowMap(kind: LayoutKind, torchShape: number[]): Int32Array {
  if (kind === 'linear') return Int32Array.from({ length: torchShape[1] }, (_, r) => r);
  // conv1d: PyTorch [O, I, k] is the conv layout of [O, I, 1, k].
  const [, I, kh, kw] = kind === 'conv1d' ? [torchShape[0], torchShape[1], 1, torchShape[2]] : torchShape;
  const map = new Int32Array(I * kh * kw);
  for (let c = 0; c < I; c++)
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) map[(c * kh + y) * kw + x] = (y * kw + x) * I + c;
  return map;
}

function transpose(src: ArrayLike<number>, kind: LayoutKind, torchShape: number[], toTf: boolean): Float32Array {
  const O = torchShape[0];
  const map = rowMap(kind, torchShape);
  const R = map.length;
  if (src.length !== O * R)
    throw new Error(
      `a ${kind} weight of PyTorch shape [${torchShape.join(', ')}] needs ${O * R} values, got ${src.length}`,
    );
  const dst = new Float32Array(O * R);
  for (let o0 = 0; o0 < O; o0 += BLOCK) {
    const o1 = Math.min(O, o0 + BLOCK);
    for (let r0 = 0; r0 < R; r0 += BLOCK) {
      const r1 = Math.min(R, r0 + BLOCK);
      for (let o = o0; o < o1; o++) {
        const base = o * R;
        if (toTf) for (let r = r0; r < r1; r++) dst[map[r] * O + o] = src[base + r];
        else for (let r = r0; r < r1; r++) dst[base + r] = src[map[r] * O + o];
      }
    }
  }
  return dst;
}

/** PyTorch-layout values of a weight -> the same weight in tfjs's layout. */
export function torchToTf(values: ArrayLike<number>, kind: LayoutKind, torchShape: number[]): Float32Array {
  return transpose(values, kind, torchShape, true);
}

/** tfjs-layout values of a weight -> PyTorch's layout (`torchShape`). */
export function tfToTorch(values: ArrayLike<number>, kind: LayoutKind, torchShape: number[]): Float32Array {
  return transpose(values, kind, torchShape, false);
}
