import { int, str } from '../../compiler/onnx/builder';
import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { PixelShuffleParams } from './spec';

/** DepthToSpace in CRD order, as torch.onnx writes nn.PixelShuffle. */
export const onnx: OnnxConvert<PixelShuffleParams> = (c) =>
  ok(c.b.op('DepthToSpace', [c.inputs[0]], { blocksize: int(c.p.upscale_factor), mode: str('CRD') }));
