import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { ok } from '../../result';
import { normShape, type LayerNormParams } from './spec';

/** LayerNorm: the custom TorchLayerNorm with PyTorch's weight and bias shapes (custom/layernorm.ts). */
export const layerNorm: Converter<LayerNormParams> = ({ custom, p, name }) => {
  const affine = p.elementwise_affine;
  const layer = new custom.LayerNorm({ normalizedShape: normShape(p), eps: p.eps, affine, name });
  const b = affine
    ? [
        { name: 'weight', kind: 'same' as const, layer, weight: 'weight', trainable: true },
        { name: 'bias', kind: 'same' as const, layer, weight: 'bias', trainable: true },
      ]
    : [];
  return ok(single(layer, b));
};
