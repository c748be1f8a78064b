import type { KerasImport } from '../../importers/kind-import';
import { pairOf, simple } from '../../importers/keras-util';

/**
 * Conv2DTranspose (channels_last) as ConvTranspose2d, its kernel [kh, kw, out, in] transposed to
 * PyTorch's [in, out, kh, kw]. Keras's output length: with output_padding, (n-1)*s + k' - 2*pad +
 * output_padding (pad 0 for 'valid', k'//2 for 'same'; k' the dilated kernel); without it, n*s +
 * max(k' - s, 0) ('valid') or n*s ('same'), which is PyTorch's padding p and output_padding when
 * TF crops as PyTorch does (an even k' - s for 'same').
 */
export const kerasImport: KerasImport = {
  classes: ['Conv2DTranspose'],
  convert(c) {
    const { config: cf } = c;
    const x = c.padded(c.x);
    if (!x.ok) return x;
    if (!x.value.nhwc || (cf.data_format && cf.data_format !== 'channels_last'))
      return c.fail('only channels_last transposed convolutions are imported');
    const k = pairOf(cf.kernel_size);
    const s = pairOf(cf.strides);
    const d = pairOf(cf.dilation_rate);
    const kd = [0, 1].map((i) => d[i] * (k[i] - 1) + 1);
    const same = cf.padding === 'same';
    const given = cf.output_padding === null || cf.output_padding === undefined ? null : pairOf(cf.output_padding);
    const pad: number[] = [];
    const outPad: number[] = [];
    for (const i of [0, 1]) {
      if (given) {
        pad.push(same ? Math.floor(kd[i] / 2) : 0);
        outPad.push(given[i]);
      } else if (!same) {
        pad.push(0);
        outPad.push(Math.max(s[i] - kd[i], 0));
      } else {
        if ((kd[i] - s[i]) % 2 !== 0 || kd[i] < s[i])
          return c.fail(
            `padding='same' with kernel ${kd[i]} and stride ${s[i]} crops one row more on one side than PyTorch can; use an even kernel_size - strides or give output_padding`,
          );
        pad.push((kd[i] - s[i]) / 2);
        outPad.push(0);
      }
    }
    const filters = Number(cf.filters);
    const v = c.add(
      'ConvTranspose2d',
      {
        out_channels: filters,
        kernel_size: simple(k),
        stride: simple(s),
        padding: simple(pad as [number, number]),
        output_padding: simple(outPad as [number, number]),
        dilation: simple(d),
        bias: cf.use_bias !== false,
      },
      [x.value],
      true,
    );
    if (!v.ok) return v;
    const kern = c.weight('kernel');
    const cin = x.value.shape[0];
    if (kern) {
      // Keras [kh, kw, out, in] -> PyTorch [in, out, kh, kw].
      const t = new Float32Array(kern.values.length);
      for (let ci = 0; ci < cin; ci++)
        for (let o = 0; o < filters; o++)
          for (let h = 0; h < k[0]; h++)
            for (let q = 0; q < k[1]; q++)
              t[((ci * filters + o) * k[0] + h) * k[1] + q] = kern.values[((h * k[1] + q) * filters + o) * cin + ci];
      const r1 = c.put(v.value.id, 'weight', [cin, filters, k[0], k[1]], t);
      if (!r1.ok) return r1;
      const r2 = c.put(v.value.id, 'bias', [filters], c.weight('bias')?.values);
      if (!r2.ok) return r2;
    }
    return c.activation(v.value);
  },
};
