import { err, ok } from '../../../result';
import type { Converter } from '../converter';
import { single } from '../converter';
import { poolOutSize } from '../custom/pool';
import { pair } from '../../../layers/fields';
import type { Pool2dParams } from '../../../layers/pool-common';
import type { Layer } from '../tf';

/** MaxPool2d or AvgPool2d: built-in tfjs pooling when PyTorch's result is the same, else TorchPool2d. */
export function poolConverter(mode: 'max' | 'avg'): Converter<Pool2dParams> {
  return ({ tf, custom, node, p, inputs, name }) => {
    const x = inputs[0];
    if (x.rank !== 4) return err(`${node.type} '${node.id}' needs a [C, H, W] input.`);
    const k = pair(p.kernel_size);
    // PyTorch's default stride (None) is the kernel size.
    const s = p.stride === null ? k : pair(p.stride);
    const pad = pair(p.padding);
    const d = mode === 'max' && p.dilation !== undefined ? pair(p.dilation) : ([1, 1] as [number, number]);
    const ceil = p.ceil_mode;
    const divisor = mode === 'avg' ? (p.divisor_override ?? null) : null;
    const [h, w] = [x.shape[1] as number, x.shape[2] as number];
    const ceilMatters =
      ceil &&
      (poolOutSize(h, k[0], s[0], pad[0], d[0], true) !== poolOutSize(h, k[0], s[0], pad[0], d[0], false) ||
        poolOutSize(w, k[1], s[1], pad[1], d[1], true) !== poolOutSize(w, k[1], s[1], pad[1], d[1], false));
    const simple = pad[0] === 0 && pad[1] === 0 && d[0] === 1 && d[1] === 1 && !ceilMatters && divisor === null;
    let layer: Layer;
    if (simple && mode === 'max') layer = tf.layers.maxPooling2d({ poolSize: k, strides: s, padding: 'valid', name });
    else if (simple) layer = tf.layers.averagePooling2d({ poolSize: k, strides: s, padding: 'valid', name });
    else {
      if ((s[0] > 1 || s[1] > 1) && (d[0] > 1 || d[1] > 1)) {
        return err(`MaxPool2d '${node.id}': tfjs cannot combine stride > 1 with dilation > 1; set one of them to 1.`);
      }
      layer = new custom.Pool2d({
        mode,
        kernel: k,
        stride: s,
        padding: pad,
        dilation: d,
        ceilMode: ceil,
        countIncludePad: p.count_include_pad ?? true,
        divisorOverride: divisor,
        name,
      });
    }
    return ok(single(layer));
  };
}
