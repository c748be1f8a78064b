import { tfSamePads } from '../../importers/keras-pad';
import type { KerasImport } from '../../importers/kind-import';

const one = (v: unknown, d: number): number => (Array.isArray(v) ? Number(v[0]) : typeof v === 'number' ? v : d);

/**
 * Conv1D (channels_last, a sequence [L, C]) as Conv1d, its kernel [k, in/groups, out] transposed
 * to PyTorch's [out, in/groups, k]. TF's 'same': with stride 1 PyTorch's 'same'; else its pads
 * when even. 'causal' (left padding only) has no Conv1d padding.
 */
export const kerasImport: KerasImport = {
  classes: ['Conv1D', 'Convolution1D'],
  convert(c) {
    const { config: cf } = c;
    const x = c.padded(c.x);
    if (!x.ok) return x;
    if (!x.value.nhwc || x.value.shape.length !== 2 || (cf.data_format && cf.data_format !== 'channels_last'))
      return c.fail('only channels_last 1D convolutions of a sequence [L, C] are imported');
    const k = one(cf.kernel_size, 1);
    const s = one(cf.strides, 1);
    const d = one(cf.dilation_rate, 1);
    let padding: number | string = 0;
    if (cf.padding === 'causal') return c.fail("padding 'causal' has no PyTorch Conv1d padding; use 'valid' or 'same'");
    if (cf.padding === 'same') {
      const [before, after] = tfSamePads(x.value.shape[1], k, s, d);
      if (s === 1) padding = 'same';
      else if (before === after) padding = before;
      else return c.fail(`padding 'same' pads ${before} before and ${after} after, which Conv1d cannot; use 'valid'`);
    }
    const filters = Number(cf.filters);
    const groups = Number(cf.groups ?? 1);
    const v = c.add(
      'Conv1d',
      { out_channels: filters, kernel_size: k, stride: s, padding, dilation: d, groups, bias: cf.use_bias !== false },
      [x.value],
      true,
    );
    if (!v.ok) return v;
    const kern = c.weight('kernel');
    const cin = x.value.shape[0] / groups;
    if (kern) {
      const t = new Float32Array(kern.values.length);
      for (let o = 0; o < filters; o++)
        for (let ci = 0; ci < cin; ci++)
          for (let q = 0; q < k; q++) t[(o * cin + ci) * k + q] = kern.values[(q * cin + ci) * filters + o];
      const r1 = c.put(v.value.id, 'weight', [filters, cin, k], t);
      if (!r1.ok) return r1;
      const r2 = c.put(v.value.id, 'bias', [filters], c.weight('bias')?.values);
      if (!r2.ok) return r2;
    }
    return c.activation(v.value);
  },
};
