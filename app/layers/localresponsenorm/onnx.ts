import type { OnnxConvert } from '../../compiler/onnx/op';
import { ok } from '../../result';
import type { LocalResponseNormParams } from './spec';

const transpose = (m: Float32Array, n: number): Float32Array =>
  Float32Array.from({ length: n * n }, (_, k) => m[(k % n) * n + Math.floor(k / n)]);

/** PyTorch's window: channels [c - size//2, c + (size-1)//2] (ONNX's LRN centres even sizes the other way). */
export const onnx: OnnxConvert<LocalResponseNormParams> = (c) => {
  const { b, p } = c;
  const size = p.size;
  const ch = c.inShapes[0][0];
  const rank = c.inShapes[0].length + 1;
  const band = new Float32Array(ch * ch);
  for (let o = 0; o < ch; o++)
    for (let i = Math.max(0, o - Math.floor(size / 2)); i <= Math.min(ch - 1, o + Math.floor((size - 1) / 2)); i++)
      band[o * ch + i] = 1;
  const x = c.inputs[0];
  const sq = b.op('Mul', [x, x]);
  let sum: string;
  if (rank === 2) sum = b.op('MatMul', [sq, b.floatConst('lrn_band', transpose(band, ch), [ch, ch])]);
  else sum = b.op('Conv', [sq, b.floatConst('lrn_band', band, [ch, ch, ...Array<number>(rank - 2).fill(1)])]);
  const scaled = b.op('Add', [
    b.op('Mul', [sum, b.floatConst('alpha', [p.alpha / size], [])]),
    b.floatConst('k', [p.k], []),
  ]);
  return ok(b.op('Div', [x, b.op('Pow', [scaled, b.floatConst('beta', [p.beta], [])])]));
};
