import type { OnnxImport } from '../../importers/kind-import';
import { err, ok } from '../../result';

/** Clip(0, 6) as ReLU6 (torch.onnx's nn.ReLU6) and Clip(0, none) as ReLU. */
export const onnxImport: OnnxImport = {
  ops: ['Clip'],
  convert({ attrs: a, inputs, constant }) {
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
    if (lo === 0 && hi === 6) return ok({ type: 'ReLU6', params: {} });
    if (lo === 0 && (hi === null || hi === Infinity)) return ok({ type: 'ReLU', params: {} });
    return err(
      `Clip(${lo ?? '-inf'}, ${hi ?? 'inf'}) has no PyTorch layer here: Netloom imports Clip(0, 6) as ReLU6 and Clip(0, inf) as ReLU`,
    );
  },
};
