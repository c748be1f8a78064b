import { float } from '../../compiler/onnx/builder';
import { unary, type OnnxConvert } from '../../compiler/onnx/op';
import type { ParamsOf } from '../spec';
import type { hardsigmoid } from './spec';

/** HardSigmoid(alpha=1/6, beta=0.5), as torch.onnx writes nn.Hardsigmoid. */
export const onnx: OnnxConvert<ParamsOf<typeof hardsigmoid>> = unary('HardSigmoid', () => ({
  alpha: float(1 / 6),
  beta: float(0.5),
}));
