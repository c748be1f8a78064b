/**
 * Activations that ONNX (opset 13) writes as several operators, as torch.onnx.export and Netloom's
 * exporter write them, each read back as one layer:
 * - SiLU: Mul(x, Sigmoid(x));
 * - Hardswish: Mul(x, HardSigmoid(x, alpha=1/6, beta=0.5)) (HardSwish itself is opset 14);
 * - Mish: Mul(x, Tanh(Softplus(x)));
 * - Softplus with beta: Div(Softplus(Mul(x, beta)), beta) (torch, threshold dropped: 20 assumed) and
 *   Where(Greater(Mul(x, beta), threshold), x, Div(Softplus(Mul(x, beta)), beta)) (Netloom's, exact).
 * The one-operator forms (Clip as ReLU6, HardSigmoid, Softplus, PRelu) are the kinds' onnx-import.ts.
 */
import type { Shape } from '../graph/types';
import { near, type Pattern } from './onnx-match';
import { type Attrs, f32 } from './onnx-types';

export interface PatternLayer {
  type: string;
  params: Record<string, unknown>;
}
type Caps = { caps: Record<string, string> };
type Values = (name: string | undefined) => Float64Array | undefined;
export type PatternEntry = [Pattern, (m: Caps, inShape: Shape) => PatternLayer | undefined];

const X: Pattern = { x: true };
const mul = (a: Pattern, b: Pattern): Pattern => ({ op: 'Mul', args: [a, b], comm: true });
/** PyTorch's Hardsigmoid: alpha 1/6 (float32), beta 0.5. */
export const torchHardSigmoid = (a: Attrs): boolean =>
  near(Number(a.alpha ?? 0.2), 1 / 6) && near(Number(a.beta ?? 0.5), 0.5);

const SILU = mul(X, { op: 'Sigmoid', args: [X] });
const HARDSWISH = mul(X, { op: 'HardSigmoid', args: [X], when: torchHardSigmoid });
const MISH = mul(X, { op: 'Tanh', args: [{ op: 'Softplus', args: [X] }] });
const SOFT_BETA: Pattern = { op: 'Div', args: [{ op: 'Softplus', args: [mul(X, { cap: 'beta' })] }, { cap: 'beta2' }] };
const SOFT_WHERE: Pattern = {
  op: 'Where',
  args: [{ op: 'Greater', args: [mul(X, { cap: 'beta' }), { cap: 'threshold' }] }, X, SOFT_BETA],
};

const scalar = (v: Float64Array | undefined): number | undefined => (v && v.length === 1 ? v[0] : undefined);

/** A Softplus when both beta constants are the same scalar. */
function softplus(v: Values, m: Caps, threshold?: number): PatternLayer | undefined {
  const beta = scalar(v(m.caps.beta));
  const beta2 = scalar(v(m.caps.beta2));
  if (beta === undefined || beta2 === undefined || !near(beta, beta2) || beta === 0) return undefined;
  return {
    type: 'Softplus',
    params: { beta: f32(beta), ...(threshold === undefined ? {} : { threshold: f32(threshold) }) },
  };
}

export function activationPatterns(v: Values): PatternEntry[] {
  return [
    [
      SOFT_WHERE,
      (m) => {
        const t = scalar(v(m.caps.threshold));
        return t === undefined ? undefined : softplus(v, m, t);
      },
    ],
    [SOFT_BETA, (m) => softplus(v, m)],
    [SILU, () => ({ type: 'SiLU', params: {} })],
    [HARDSWISH, () => ({ type: 'Hardswish', params: {} })],
    [MISH, () => ({ type: 'Mish', params: {} })],
  ];
}
