import { tfSamePads, zeroPadParam } from '../../importers/keras-pad';
import type { KerasImport } from '../../importers/kind-import';
import { pairOf, simple } from '../../importers/keras-util';

/**
 * Conv2D (channels_last) as Conv2d, its kernel [kh, kw, in / groups, out] transposed to PyTorch's
 * [out, in / groups, kh, kw]; DepthwiseConv2D (depth_multiplier M) as Conv2d(C, C * M, groups=C), its
 * depthwise_kernel [kh, kw, C, M] as [C * M, 1, kh, kw] (output channel c * M + m, TF's order).
 * TF 'same': with stride 1 PyTorch's 'same'; else its pads, as Conv2d padding when even, else a
 * ZeroPad2d first. A pending symmetric ZeroPadding2D becomes its padding.
 */
export const kerasImport: KerasImport = {
  classes: ['Conv2D', 'DepthwiseConv2D'],
  takesPadding: true,
  convert(c) {
    const { config: cf, x } = c;
    if (!x.nhwc || (cf.data_format && cf.data_format !== 'channels_last'))
      return c.fail('only channels_last convolutions are imported');
    const k = pairOf(cf.kernel_size);
    const s = pairOf(cf.strides);
    const d = pairOf(cf.dilation_rate);
    let src = x;
    let padding: unknown = 0;
    const fold = cf.padding === 'same' ? null : c.foldable();
    if (fold) {
      padding = simple(fold);
      src = { ...x, pad: undefined, padded: undefined };
    } else if (x.pad) {
      const m = c.padded(x);
      if (!m.ok) return m;
      src = m.value;
    }
    if (cf.padding === 'same') {
      const [ph, pw] = [tfSamePads(src.shape[1], k[0], s[0], d[0]), tfSamePads(src.shape[2], k[1], s[1], d[1])];
      if (s[0] === 1 && s[1] === 1) padding = 'same';
      else if (ph[0] === ph[1] && pw[0] === pw[1]) padding = simple([ph[0], pw[0]]);
      else {
        const z = c.add('ZeroPad2d', { padding: zeroPadParam([ph[0], ph[1], pw[0], pw[1]]) }, [src], true);
        if (!z.ok) return z;
        src = z.value;
      }
    }
    const depthwise = c.className === 'DepthwiseConv2D';
    const multiplier = Number(cf.depth_multiplier ?? 1);
    const groups = depthwise ? x.shape[0] : Number(cf.groups ?? 1);
    const filters = depthwise ? x.shape[0] * multiplier : Number(cf.filters);
    const params: Record<string, unknown> = {
      out_channels: filters,
      kernel_size: simple(k),
      stride: simple(s),
      padding,
      dilation: simple(d),
      ...(groups === 1 ? {} : { groups }),
      bias: cf.use_bias !== false,
    };
    const v = c.add('Conv2d', params, [src], true);
    if (!v.ok) return v;
    const kern = c.weight(depthwise ? 'depthwise_kernel' : 'kernel');
    // Input channels per group; a depthwise kernel [kh, kw, C, M] is [kh, kw, 1, C * M] read the same way.
    const cin = x.shape[0] / groups;
    if (kern) {
      const t = new Float32Array(kern.values.length);
      for (let o = 0; o < filters; o++)
        for (let ci = 0; ci < cin; ci++)
          for (let h = 0; h < k[0]; h++)
            for (let q = 0; q < k[1]; q++)
              t[((o * cin + ci) * k[0] + h) * k[1] + q] = kern.values[((h * k[1] + q) * cin + ci) * filters + o];
      const r1 = c.put(v.value.id, 'weight', [filters, cin, k[0], k[1]], t);
      if (!r1.ok) return r1;
      const r2 = c.put(v.value.id, 'bias', [filters], c.weight('bias')?.values);
      if (!r2.ok) return r2;
    }
    return c.activation(v.value);
  },
};
