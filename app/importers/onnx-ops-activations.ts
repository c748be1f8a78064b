/**
 * One-operator activations of ONNX as PyTorch layers: Clip(0, 6) is ReLU6 (torch.onnx's nn.ReLU6)
 * and Clip(0, none) ReLU; HardSigmoid with PyTorch's alpha 1/6 and beta 0.5 is Hardsigmoid;
 * Softplus is Softplus (beta 1; PyTorch's threshold 20 is x itself in float32); PRelu with a
 * constant slope of 1 or C values (any shape that broadcasts on the channel dim) is PReLU.
 */
import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import { torchHardSigmoid } from './onnx-activations';
import type { Attrs } from './onnx-types';

export interface ActivationLayer {
  type: string;
  params: Record<string, unknown>;
  weights: Record<string, [Float64Array | undefined, number[]]>;
}

type Values = (name: string) => Float64Array | undefined;

export function activationLayer(
  op: string,
  a: Attrs,
  inputs: string[],
  constant: Values,
  dimsOf: (name: string) => number[],
  inShape: Shape,
): Result<ActivationLayer> {
  const layer = (type: string, params: Record<string, unknown> = {}, weights: ActivationLayer['weights'] = {}) =>
    ok({ type, params, weights });
  if (op === 'Clip') {
    // Opset 11+: bounds as optional inputs; before: attributes.
    const bound = (i: number, attr: string): number | null | undefined => {
      if (inputs[i]) {
        const v = constant(inputs[i]);
        return v && v.length === 1 ? v[0] : undefined;
      }
      return a[attr] === undefined ? null : Number(a[attr]);
    };
    const lo = bound(1, 'min');
    const hi = bound(2, 'max');
    if (lo === undefined || hi === undefined) return err('only Clip with constant bounds is imported');
    if (lo === 0 && hi === 6) return layer('ReLU6');
    if (lo === 0 && (hi === null || hi === Infinity)) return layer('ReLU');
    return err(
      `Clip(${lo ?? '-inf'}, ${hi ?? 'inf'}) has no PyTorch layer here: Netloom imports Clip(0, 6) as ReLU6 and Clip(0, inf) as ReLU`,
    );
  }
  if (op === 'HardSigmoid') {
    if (torchHardSigmoid(a)) return layer('Hardsigmoid');
    return err(
      `HardSigmoid(alpha=${a.alpha ?? 0.2}, beta=${a.beta ?? 0.5}) is not PyTorch's Hardsigmoid (alpha 1/6, beta 0.5); Keras's hard_sigmoid (alpha 0.2) has no PyTorch layer`,
    );
  }
  if (op === 'Softplus') return layer('Softplus');
  // PRelu: a constant slope of 1 or C values, broadcasting on dim 1 (trailing dims of size 1).
  const slope = inputs[1] ? constant(inputs[1]) : undefined;
  if (!slope) return err('only PRelu with a constant slope is imported');
  const dims = dimsOf(inputs[1]);
  const c = inShape[0];
  const n = slope.length;
  const perChannel =
    n === c && (dims.length <= 1 || (dims.length === inShape.length && dims.slice(1).every((d) => d === 1)));
  if (n !== 1 && !perChannel)
    return err(
      `a PRelu slope of shape [${dims.join(', ')}] is neither one value nor one per channel (${c}), as PyTorch's PReLU`,
    );
  return layer('PReLU', n === 1 ? {} : { num_parameters: n }, { weight: [slope, [n]] });
}
