import type { KerasImport } from '../../importers/kind-import';

/** GlobalMaxPooling1D (a sequence [L, C]) as AdaptiveMaxPool1d(1) then Flatten. */
export const kerasImport: KerasImport = {
  classes: ['GlobalMaxPooling1D', 'GlobalMaxPool1D'],
  convert(c) {
    if (!c.x.nhwc || c.x.shape.length !== 2) return c.fail('only a channels_last sequence [L, C] is imported');
    const p = c.add('AdaptiveMaxPool1d', { output_size: 1 }, [c.x], true);
    return p.ok ? c.add('Flatten', {}, [{ ...p.value, nhwc: false }], false) : p;
  },
};
