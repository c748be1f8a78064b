/** BatchNorm1d / BatchNorm2d as ONNX: BatchNormalization with running stats, else the batch's statistics. */
import { ok, type Result } from '../../result';
import { float, int, ints } from './builder';
import type { BatchNormParams } from '../../layers/batchnorm-common';
import type { OpContext } from './op';

export function batchNorm(c: OpContext<BatchNormParams>): Result<string> {
  const { b, p } = c;
  const ch = c.inShapes[0][0];
  const eps = p.eps;
  const w = p.affine ? c.param('weight') : ok(b.floatConst('ones', new Float32Array(ch).fill(1), [ch]));
  const bias = p.affine ? c.param('bias') : ok(b.floatConst('zeros', new Float32Array(ch), [ch]));
  if (!w.ok) return w;
  if (!bias.ok) return bias;
  if (p.track_running_stats) {
    const m = c.param('running_mean');
    const v = c.param('running_var');
    if (!m.ok) return m;
    if (!v.ok) return v;
    return ok(
      b.op('BatchNormalization', [c.inputs[0], w.value, bias.value, m.value, v.value], { epsilon: float(eps) }),
    );
  }
  // No running stats: PyTorch normalizes with the batch's statistics even in eval mode.
  const rank = c.inShapes[0].length + 1;
  const axes = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2)];
  const x = c.inputs[0];
  const mean = b.op('ReduceMean', [x], { axes: ints(axes), keepdims: int(1) });
  const xc = b.op('Sub', [x, mean]);
  const v = b.op('ReduceMean', [b.op('Mul', [xc, xc])], { axes: ints(axes), keepdims: int(1) });
  const y = b.op('Div', [xc, b.op('Sqrt', [b.op('Add', [v, b.floatConst('eps', [eps], [])])])]);
  const shape = b.intConst('bn_shape', [ch, ...Array<number>(rank - 2).fill(1)]);
  return ok(b.op('Add', [b.op('Mul', [y, b.op('Reshape', [w.value, shape])]), b.op('Reshape', [bias.value, shape])]));
}
