import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** LRN of odd size as LocalResponseNorm; the multi-node forms are patterns (importers/onnx-patterns.ts). */
export const onnxImport: OnnxImport = {
  ops: ['LRN'],
  convert({ attrs: a }) {
    // ONNX's window is [c - floor((size-1)/2), c + ceil((size-1)/2)], PyTorch's [c - size//2, c + (size-1)//2]: equal for odd sizes.
    if (Number(a.size) % 2 === 0)
      return err(
        `an LRN of even size ${String(a.size)} is centred one channel later than PyTorch's LocalResponseNorm, which has no such option; it is not imported`,
      );
    return ok({
      type: 'LocalResponseNorm',
      params: {
        size: Number(a.size),
        alpha: Number(a.alpha ?? 1e-4),
        beta: Number(a.beta ?? 0.75),
        k: Number(a.bias ?? 1),
      },
    });
  },
};
