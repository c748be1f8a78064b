/** One layer node as ONNX operators (opset 13): each kind's entry is `app/layers/<kind>/onnx.ts`. */
import { getTargets } from '../../layers/targets';
import { err, type Result } from '../../result';
import type { OpContext } from './op';

export type { OnnxConvert, OpContext } from './op';

export function convertNode(c: OpContext): Result<string | string[]> {
  const t = getTargets(c.node.type);
  if (!t || c.node.type === 'Input') return err(`${c.node.type} ${c.node.id} has no ONNX conversion`);
  return t.onnx(c);
}
