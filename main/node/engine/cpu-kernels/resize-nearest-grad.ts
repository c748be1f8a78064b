// ResizeNearestNeighborGrad, the gradient of nearest-neighbour resizing (tfjs-layers'
// UpSampling2D, PyTorch's Upsample(mode='nearest')). tfjs-backend-cpu 4.22's kernel reads dy at
// the offset of the *input* image's batch stride (`batchOffset + dyR * dyStrides[1]`), so from
// the second sample of a batch on it sums the wrong rows of dy. Here every dy pixel is added once
// to the input pixel the forward pass copied it from, with the forward kernel's own index map
// (alignCorners, halfPixelCenters), so the two can never disagree.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

interface Attrs {
  alignCorners?: boolean;
  halfPixelCenters?: boolean;
}

/** The source index of each of `outSize` output positions, as tfjs's ResizeNearestNeighbor computes it. */
export function nearestSources(inSize: number, outSize: number, a: Attrs): Int32Array {
  const align = a.alignCorners === true && outSize > 1;
  const ratio = (align ? inSize - 1 : inSize) / (align ? outSize - 1 : outSize);
  const src = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const frac = a.halfPixelCenters ? ratio * (o + 0.5) : ratio * o;
    let s = Math.min(inSize - 1, a.alignCorners ? Math.round(frac) : Math.floor(frac));
    if (a.halfPixelCenters) s = Math.max(0, s);
    src[o] = s;
  }
  return src;
}

/** dx [n, h, w, c] = the sum of dy [n, oh, ow, c] over the output pixels each input pixel was copied to. */
export function resizeNearestGrad(
  dy: ArrayLike<number>,
  dyShape: readonly number[],
  imagesShape: readonly number[],
  a: Attrs,
  dx: Float32Array,
): void {
  const [n, h, w, c] = imagesShape;
  const [, oh, ow] = dyShape;
  const rows = nearestSources(h, oh, a),
    cols = nearestSources(w, ow, a);
  dx.fill(0);
  let s = 0;
  for (let b = 0; b < n; b++) {
    const base = b * h * w * c;
    for (let y = 0; y < oh; y++) {
      const row = base + rows[y] * w * c;
      for (let x = 0; x < ow; x++) {
        const d = row + cols[x] * c;
        for (let ch = 0; ch < c; ch++, s++) dx[d + ch] += dy[s];
      }
    }
  }
}

interface CpuBackend {
  data: { get(dataId: object): { values: ArrayLike<number> } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

export const resizeNearestNeighborGradCpu: KernelConfig = {
  kernelName: 'ResizeNearestNeighborGrad',
  backendName: 'cpu',
  kernelFunc: ((args: { inputs: { images: TensorInfo; dy: TensorInfo }; backend: CpuBackend; attrs: Attrs }) => {
    const { images, dy } = args.inputs;
    const dx = new Float32Array(images.shape.reduce((p, d) => p * d, 1));
    resizeNearestGrad(args.backend.data.get(dy.dataId).values, dy.shape, images.shape, args.attrs, dx);
    return args.backend.makeTensorInfo(images.shape, 'float32', dx);
  }) as unknown as KernelFunc,
};

type Tf = {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  unregisterKernel(name: string, backend: string): void;
  registerKernel(config: KernelConfig): void;
};

/** Replaces tfjs-backend-cpu's ResizeNearestNeighborGrad (import the cpu backend first). Idempotent. */
export function registerCpuKernelFixes(tf: Tf): void {
  const current = tf.getKernel('ResizeNearestNeighborGrad', 'cpu');
  if (current === resizeNearestNeighborGradCpu) return;
  if (current !== undefined) tf.unregisterKernel('ResizeNearestNeighborGrad', 'cpu');
  tf.registerKernel(resizeNearestNeighborGradCpu);
}
