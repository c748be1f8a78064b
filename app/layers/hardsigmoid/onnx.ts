import { float } from '../../compiler/onnx/builder';
import { unary, type OnnxConvert } from '../../compiler/onnx/op';

/** HardSigmoid(alpha=1/6, beta=0.5), as torch.onnx writes nn.Hardsigmoid. */
export const onnx: OnnxConvert = unary('HardSigmoid', () => ({ alpha: float(1 / 6), beta: float(0.5) }));
