import type { OnnxImport } from '../../importers/kind-import';
import { ok } from '../../result';

/** ReduceMean over per-sample dims as Mean. */
export const onnxImport: OnnxImport = {
  ops: ['ReduceMean'],
  convert({ attrs: a, inputs, inShape, constant }) {
    // Opset 13: axes attribute (18: an input); none means every dim, the batch included.
    const axes = (inputs[1] ? Array.from(constant(inputs[1]) ?? []) : (a.axes as number[] | undefined)) ?? [];
    // Over every dim or the batch (BatchNorm with batch statistics): no PyTorch layer of one sample.
    if (axes.length === 0 || axes.some((d) => d === 0 || d === -(inShape.length + 1))) return ok('unsupported');
    return ok({
      type: 'Mean',
      params: { dim: axes.length === 1 ? axes[0] : axes, keepdim: Number(a.keepdims ?? 1) === 1 },
    });
  },
};
