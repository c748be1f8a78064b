/**
 * BatchNorm's training step as one op (tf.customGrad): the forward pass computes the batch's
 * per-channel mean and biased variance in one pass and writes y in a second; the backward pass
 * computes the per-channel sums of dy and dy * x_hat in one pass and dx in a second, with
 *   x_hat = (x - mean) * invstd        invstd = 1 / sqrt(var + eps)
 *   dx = gamma * invstd * (dy - mean(dy) - x_hat * mean(dy * x_hat))
 *   dgamma = sum(dy * x_hat)           dbeta = sum(dy)
 * instead of the twenty or so elementwise ops (and their gradients through the tape) of the
 * written-out formula. With a data-parallel exchange (`sync`, SyncBatchNorm: batchnorm-sync.ts)
 * the op meets the other replicas at the same two points with the same numbers: after the
 * statistics (count, mean, M2 per channel) and after the gradient sums (sum(dy), sum(dy * x_hat)).
 *
 * Backends that register the four kernels below (the engine does for wasm, in SIMD) run them;
 * the others (cpu, webgpu) run the same formulas as a few tensor ops. The kernels take the
 * channel axis as an attribute and treat x as [outer, channels, inner] (NHWC and [N, F]: inner
 * 1; BatchNorm1d on [N, C, L]: inner L). The sums accumulate in double precision. The plain
 * JavaScript versions here (over flat arrays) are the kernels' semantics, and their fallback
 * where WebAssembly SIMD is missing.
 */
import type { Tensor, Tf } from '../tf';
import { combine, weightedSums, type BatchNormSync } from './batchnorm-sync';

/** x -> [mean, variance] ([C] each; the biased variance). Attrs: {axis}. */
export const BN_STATS_KERNEL = 'NetloomBatchNormStats';
/** {x, mean, variance, gamma?, beta?} -> [y, invstd]. Attrs: {axis, eps}. */
export const BN_NORMALIZE_KERNEL = 'NetloomBatchNormNormalize';
/** {dy, x, mean, invstd} -> [sum(dy), sum(dy * x_hat)] ([C] each). Attrs: {axis}. */
export const BN_GRAD_SUMS_KERNEL = 'NetloomBatchNormGradSums';
/**
 * {dy, x, mean, invstd, gamma?, sa, sb} -> [dx] with mean(dy) = sa * k and mean(dy * x_hat) =
 * sb * k per channel. Attrs: {axis, k}.
 */
export const BN_GRAD_INPUT_KERNEL = 'NetloomBatchNormGradInput';
export const BN_KERNELS = [BN_STATS_KERNEL, BN_NORMALIZE_KERNEL, BN_GRAD_SUMS_KERNEL, BN_GRAD_INPUT_KERNEL] as const;

export interface BnAxisAttrs {
  axis: number;
}
export interface BnNormalizeAttrs extends BnAxisAttrs {
  eps: number;
}
export interface BnGradInputAttrs extends BnAxisAttrs {
  k: number;
}

/** x as [outer, c, inner] around its channel axis. */
export interface BnLayout {
  outer: number;
  c: number;
  inner: number;
}

export function bnLayout(shape: readonly number[], axis: number): BnLayout {
  const a = axis < 0 ? shape.length + axis : axis;
  const prod = (ds: readonly number[]) => ds.reduce((p, d) => p * d, 1);
  return { outer: prod(shape.slice(0, a)), c: shape[a], inner: prod(shape.slice(a + 1)) };
}

/** s1[ch] += x, s2[ch] += x * x over every position of channel ch. */
export function bnMomentSums(x: Float32Array, l: BnLayout, s1: Float64Array, s2: Float64Array): void {
  const { outer, c, inner } = l;
  let i = 0;
  for (let o = 0; o < outer; o++)
    for (let ch = 0; ch < c; ch++) {
      let a = 0,
        b = 0;
      for (let e = 0; e < inner; e++, i++) {
        const v = x[i];
        a += v;
        b += v * v;
      }
      s1[ch] += a;
      s2[ch] += b;
    }
}

/** mean and biased variance from the sums over `count` values per channel. */
export function bnFinishMoments(
  s1: Float64Array,
  s2: Float64Array,
  count: number,
  mean: Float32Array,
  variance: Float32Array,
): void {
  for (let ch = 0; ch < s1.length; ch++) {
    const m = s1[ch] / count;
    mean[ch] = m;
    variance[ch] = Math.max(0, s2[ch] / count - m * m);
  }
}

/** invstd = 1 / sqrt(var + eps) in float32 steps, as rsqrt(add(var, eps)) gives it. */
export function bnInvstd(variance: Float32Array, eps: number, invstd: Float32Array): void {
  for (let ch = 0; ch < variance.length; ch++) invstd[ch] = 1 / Math.sqrt(Math.fround(variance[ch] + eps));
}

/** y = (x - mean[ch]) * scale[ch] + shift[ch]. */
export function bnNormalize(
  x: Float32Array,
  l: BnLayout,
  mean: Float32Array,
  scale: Float32Array,
  shift: Float32Array,
  y: Float32Array,
): void {
  const { outer, c, inner } = l;
  let i = 0;
  for (let o = 0; o < outer; o++)
    for (let ch = 0; ch < c; ch++) {
      const m = mean[ch],
        s = scale[ch],
        t = shift[ch];
      for (let e = 0; e < inner; e++, i++) y[i] = (x[i] - m) * s + t;
    }
}

/** s1[ch] += dy, s2[ch] += dy * (x - mean[ch]) over every position of channel ch. */
export function bnGradSums(
  dy: Float32Array,
  x: Float32Array,
  l: BnLayout,
  mean: Float32Array,
  s1: Float64Array,
  s2: Float64Array,
): void {
  const { outer, c, inner } = l;
  let i = 0;
  for (let o = 0; o < outer; o++)
    for (let ch = 0; ch < c; ch++) {
      const m = mean[ch];
      let a = 0,
        b = 0;
      for (let e = 0; e < inner; e++, i++) {
        const d = dy[i];
        a += d;
        b += d * Math.fround(x[i] - m);
      }
      s1[ch] += a;
      s2[ch] += b;
    }
}

/** dx = (dy - a[ch]) * k1[ch] - (x - mean[ch]) * k2[ch] (the coefficients of `bnGradCoefficients`). */
export function bnGradInput(
  dy: Float32Array,
  x: Float32Array,
  l: BnLayout,
  mean: Float32Array,
  a: Float32Array,
  k1: Float32Array,
  k2: Float32Array,
  dx: Float32Array,
): void {
  const { outer, c, inner } = l;
  let i = 0;
  for (let o = 0; o < outer; o++)
    for (let ch = 0; ch < c; ch++) {
      const m = mean[ch],
        ac = a[ch],
        p = k1[ch],
        q = k2[ch];
      for (let e = 0; e < inner; e++, i++) dx[i] = (dy[i] - ac) * p - (x[i] - m) * q;
    }
}

/**
 * The per-channel coefficients of dx = scale * (dy - mean(dy) - x_hat * mean(dy * x_hat)) with
 * scale = gamma * invstd: a = mean(dy), k1 = scale, k2 = scale * invstd * mean(dy * x_hat).
 */
export function bnGradCoefficients(
  invstd: Float32Array,
  gamma: Float32Array | null,
  sa: Float32Array,
  sb: Float32Array,
  k: number,
  out: { a: Float32Array; k1: Float32Array; k2: Float32Array },
): void {
  for (let ch = 0; ch < invstd.length; ch++) {
    const scale = gamma ? gamma[ch] * invstd[ch] : invstd[ch];
    out.a[ch] = sa[ch] * k;
    out.k1[ch] = scale;
    out.k2[ch] = scale * invstd[ch] * (sb[ch] * k);
  }
}

let fused = true;

/** Off: BatchNorm's training step is the written-out formula through the tape (tests compare; benchmarks time both). */
export function setFusedBatchNorm(on: boolean): void {
  fused = on;
}

export function fusedBatchNorm(): boolean {
  return fused;
}

function hasKernels(tf: Tf): boolean {
  const backend = tf.getBackend();
  return BN_KERNELS.every((k) => tf.getKernel(k, backend) !== undefined);
}

function run(tf: Tf, kernel: string, inputs: Record<string, Tensor | null>, attrs: object): Tensor[] {
  const given = Object.fromEntries(Object.entries(inputs).filter(([, t]) => t !== null));
  return tf.engine().runKernel(kernel, given as never, attrs as never) as unknown as Tensor[];
}

/**
 * The batch's statistics, handed to the layer inside the op's forward pass (off the gradient tape,
 * so the running-statistics update records nothing): the mean and biased variance ([C], disposed
 * after the call) and the element count per channel.
 */
export type BatchStats = (mean: Tensor, variance: Tensor, count: number) => void;

/**
 * BatchNorm in train mode: y normalized with the batch's statistics (the replicas' whole batch
 * with `sync`). `axis` is x's channel axis; gamma and beta are the layer's variables (null without
 * affine); `onStats` receives the statistics for the running averages.
 */
export function batchNormTrain(
  tf: Tf,
  x: Tensor,
  axis: number,
  eps: number,
  gamma: Tensor | null,
  beta: Tensor | null,
  sync: BatchNormSync | null,
  onStats: BatchStats | null,
): Tensor {
  const c = x.shape[axis];
  const axes = x.shape.map((_, i) => i).filter((i) => i !== axis);
  const bs = x.shape.map((d, i) => (i === axis ? d : 1));
  const kernels = hasKernels(tf);
  let total = c > 0 ? x.size / c : 0;
  const f32 = (v: Float64Array | number[], scale = 1) => tf.tensor1d(Float32Array.from(v, (e) => e * scale));

  const forward = (xi: Tensor, g: Tensor | null, b: Tensor | null, save: (ts: Tensor[]) => void) => {
    let lm: Tensor, lv: Tensor;
    if (kernels) [lm, lv] = run(tf, BN_STATS_KERNEL, { x: xi }, { axis } satisfies BnAxisAttrs);
    else ({ mean: lm, variance: lv } = tf.moments(xi, axes));
    if (sync) {
      // This replica's count, mean and sum of squared deviations; the whole batch's back.
      const own = sync.samples > 0 ? total : 0;
      const [m1, v1] = [lm.dataSync(), lv.dataSync()];
      const mine = new Float64Array(1 + 2 * c);
      mine[0] = own;
      for (let k = 0; k < c; k++) {
        mine[1 + k] = m1[k];
        mine[1 + c + k] = v1[k] * own;
      }
      const whole = combine(sync.allGather(mine), c);
      lm = f32(whole.mean);
      lv = f32(whole.variance);
      total = whole.n;
    }
    onStats?.(lm, lv, total);
    const weight = sync?.samples ?? 0;
    let y: Tensor;
    if (kernels) {
      const [out, invstd] = run(tf, BN_NORMALIZE_KERNEL, { x: xi, mean: lm, variance: lv, gamma: g, beta: b }, {
        axis,
        eps,
      } satisfies BnNormalizeAttrs);
      y = out;
      save([xi, lm, invstd]);
    } else {
      const invstd = tf.rsqrt(tf.add(lv, eps));
      const xhat = tf.mul(tf.sub(xi, tf.reshape(lm, bs)), tf.reshape(invstd, bs));
      y = g && b ? tf.add(tf.mul(xhat, tf.reshape(g, bs)), tf.reshape(b, bs)) : xhat;
      save([xhat, invstd]);
    }
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor[] => {
      let sdy: Tensor, sdyx: Tensor;
      if (kernels) {
        const [xs, ms, is] = saved;
        [sdy, sdyx] = run(tf, BN_GRAD_SUMS_KERNEL, { dy, x: xs, mean: ms, invstd: is }, { axis } satisfies BnAxisAttrs);
      } else {
        sdy = tf.sum(dy, axes);
        sdyx = tf.sum(tf.mul(dy, saved[0]), axes);
      }
      // The whole batch's mean(dy) and mean(dy * x_hat) are sa * k and sb * k.
      let sa = sdy,
        sb = sdyx,
        k = total > 0 ? 1 / total : 0;
      if (sync) {
        // In this replica's scale of cotangents: its shard's are W / w_r times the whole batch's.
        const mineB = new Float64Array(1 + 2 * c);
        mineB[0] = weight;
        mineB.set(sdy.dataSync(), 1);
        mineB.set(sdyx.dataSync(), 1 + c);
        const { a, b: bsum } = weightedSums(sync.allGather(mineB), c);
        k = weight > 0 ? 1 / (weight * total) : 0;
        // As SyncBatchNorm did: the scaled means rounded to float32 once.
        sa = f32(a, k);
        sb = f32(bsum, k);
        k = 1;
      }
      let dx: Tensor;
      if (kernels) {
        const [xs, ms, is] = saved;
        [dx] = run(tf, BN_GRAD_INPUT_KERNEL, { dy, x: xs, mean: ms, invstd: is, gamma: g, sa, sb }, {
          axis,
          k,
        } satisfies BnGradInputAttrs);
      } else {
        const [xh, is] = saved;
        const scale = g ? tf.mul(g, is) : is;
        const ma = tf.reshape(tf.mul(sa, k), bs),
          mb = tf.reshape(tf.mul(sb, k), bs);
        dx = tf.mul(tf.reshape(scale, bs), tf.sub(tf.sub(dy, ma), tf.mul(xh, mb)));
      }
      return g ? [dx, sdyx, sdy] : [dx];
    };
    return { value: y, gradFunc };
  };
  const op = tf.customGrad(((...args: unknown[]) => {
    const save = args[args.length - 1] as (ts: Tensor[]) => void;
    const ts = args.slice(0, -1) as Tensor[];
    return forward(ts[0], ts[1] ?? null, ts[2] ?? null, save);
  }) as never) as (...inputs: Tensor[]) => Tensor;
  return gamma && beta ? op(x, gamma, beta) : op(x);
}
