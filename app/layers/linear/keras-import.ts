import type { KerasImport } from '../../importers/kind-import';

/** Dense as Linear; after a Flatten of an [H, W, C] map its rows are reordered to PyTorch's [C, H, W] order. */
export const kerasImport: KerasImport = {
  classes: ['Dense'],
  convert(c) {
    const { config: cf, x } = c;
    if (x.shape.length !== 1) return c.fail(`Dense on a [${x.shape.join(', ')}] input is not imported: flatten first`);
    const units = Number(cf.units);
    const v = c.add('Linear', { out_features: units, bias: cf.use_bias !== false }, [x], false);
    if (!v.ok) return v;
    const kern = c.weight('kernel');
    if (kern) {
      const inF = x.shape[0];
      const t = new Float32Array(units * inF);
      const hwc = x.flatHWC;
      // Row j of PyTorch's flatten is (c, h, w); Keras flattened (h, w, c).
      const row = (j: number): number => {
        if (!hwc) return j;
        const [H, W, C] = hwc;
        return (j % (H * W)) * C + Math.floor(j / (H * W));
      };
      for (let o = 0; o < units; o++) for (let j = 0; j < inF; j++) t[o * inF + j] = kern.values[row(j) * units + o];
      const r1 = c.put(v.value.id, 'weight', [units, inF], t);
      if (!r1.ok) return r1;
      const r2 = c.put(v.value.id, 'bias', [units], c.weight('bias')?.values);
      if (!r2.ok) return r2;
    }
    return c.activation(v.value);
  },
};
