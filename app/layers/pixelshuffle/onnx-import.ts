import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** DepthToSpace in CRD order (torch.onnx's nn.PixelShuffle) as PixelShuffle; DCR (TensorFlow's) orders channels differently. */
export const onnxImport: OnnxImport = {
  ops: ['DepthToSpace'],
  convert({ attrs: a }) {
    const mode = String(a.mode ?? 'DCR');
    if (mode !== 'CRD')
      return err(`DepthToSpace in ${mode} order is not PyTorch's PixelShuffle (CRD): re-export with nn.PixelShuffle`);
    return ok({ type: 'PixelShuffle', params: { upscale_factor: Number(a.blocksize) } });
  },
};
