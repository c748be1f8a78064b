import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** Gemm and MatMul of a [N, F] input by a constant matrix as Linear (weights transposed to PyTorch's [out, in]). */
export const onnxImport: OnnxImport = {
  ops: ['Gemm', 'MatMul'],
  convert({ op, attrs: a, ins, inShape, constant, dims }) {
    const wd = dims(ins[1]);
    const w = constant(ins[1]);
    if (!w || wd.length !== 2 || inShape.length !== 1)
      return err('only a [N, F] input times a constant matrix is imported');
    if (op === 'Gemm' && ((a.alpha ?? 1) !== 1 || (a.beta ?? 1) !== 1 || a.transA))
      return err('alpha, beta and transA must be defaults');
    const transB = op === 'Gemm' && a.transB === 1;
    const [outF, inF] = transB ? wd : [wd[1], wd[0]];
    const torchW = transB
      ? w
      : Float64Array.from({ length: w.length }, (_, i) => w[(i % inF) * outF + Math.floor(i / inF)]);
    const hasBias = op === 'Gemm' && ins.length > 2;
    return ok({
      type: 'Linear',
      params: { out_features: outF, bias: hasBias },
      weights: { weight: [torchW, [outF, inF]], ...(hasBias ? { bias: [constant(ins[2]), [outF]] } : {}) },
    });
  },
};
