/**
 * The Netloom kinds closest to an ONNX operator the importer cannot map, for its error message: first
 * the kinds that compute something alike (a table by meaning: Selu is an ELU, ReduceMax a max pool),
 * then the kinds whose name, or the name of an operator they read, is closest in spelling (edit
 * distance), so a misspelt or custom operator still points somewhere.
 */
import { importClaims } from './tables';

/** Operators by meaning: the kinds that compute something alike (or that replace them in PyTorch). */
const ALIKE: Record<string, string[]> = {
  Hardmax: ['Softmax', 'LogSoftmax'],
  Selu: ['ELU', 'LeakyReLU'],
  Celu: ['ELU'],
  ThresholdedRelu: ['ReLU', 'LeakyReLU'],
  Softsign: ['Tanh', 'Sigmoid'],
  Erf: ['GELU'],
  Gelu: ['GELU'],
  Swish: ['SiLU'],
  ReduceMax: ['AdaptiveMaxPool2d', 'Mean'],
  ReduceMin: ['AdaptiveMaxPool2d', 'Mean'],
  ReduceSum: ['Mean', 'AdaptiveAvgPool2d'],
  ReduceL2: ['Mean', 'LayerNorm'],
  GlobalLpPool: ['AdaptiveAvgPool2d', 'AdaptiveMaxPool2d'],
  LpPool: ['AvgPool2d', 'MaxPool2d'],
  MaxUnpool: ['Upsample', 'ConvTranspose2d'],
  Upsample: ['Upsample'],
  SpaceToDepth: ['PixelShuffle', 'Unflatten'],
  MeanVarianceNormalization: ['InstanceNorm2d', 'LayerNorm', 'GroupNorm'],
  LpNormalization: ['LayerNorm', 'LocalResponseNorm'],
  Sub: ['Add'],
  Div: ['Mul'],
  Pow: ['Mul'],
  Max: ['Add', 'Concat'],
  Min: ['Add', 'Concat'],
  Squeeze: ['Flatten', 'Unflatten'],
  Unsqueeze: ['Unflatten', 'Flatten'],
  Expand: ['Upsample'],
  Tile: ['Upsample', 'Concat'],
  Einsum: ['Linear', 'Mul'],
  ConvInteger: ['Conv2d'],
  QLinearConv: ['Conv2d'],
  QLinearMatMul: ['Linear'],
  MatMulInteger: ['Linear'],
  DeformConv: ['Conv2d'],
  RNN: ['Linear'],
  GRU: ['Linear'],
  LSTM: ['Linear'],
};

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  const [s, t] = [a.toLowerCase(), b.toLowerCase()];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}

/** Up to `n` kinds closest to the operator `op`, best first (alike by meaning, then by spelling). */
export function closestKinds(op: string, kinds: readonly string[], n = 3): string[] {
  const out = (ALIKE[op] ?? []).filter((k) => kinds.includes(k));
  // Each kind scored by its own name and the operators it reads (ONNX's MaxPool for MaxPool2d).
  const names = new Map<string, string[]>(kinds.map((k) => [k, [k]]));
  for (const [o, k] of importClaims().onnx) names.get(k)?.push(o);
  const scored = kinds
    .filter((k) => k !== 'Input' && !out.includes(k))
    .map((k) => {
      const d = Math.min(...(names.get(k) ?? [k]).map((x) => distance(op, x) / Math.max(op.length, x.length)));
      return { k, d };
    })
    .sort((p, q) => p.d - q.d || p.k.localeCompare(q.k));
  for (const { k } of scored) if (out.length < n) out.push(k);
  return out.slice(0, n);
}
