import type { KerasImport } from '../../importers/kind-import';

/**
 * GlobalAveragePooling1D (a sequence [L, C]) as AdaptiveAvgPool1d(1) then Flatten; with keepdims
 * the pool alone (PyTorch's [C, 1] is Keras's kept [1, C]).
 */
export const kerasImport: KerasImport = {
  classes: ['GlobalAveragePooling1D', 'GlobalAvgPool1D'],
  convert(c) {
    if (!c.x.nhwc || c.x.shape.length !== 2) return c.fail('only a channels_last sequence [L, C] is imported');
    const p = c.add('AdaptiveAvgPool1d', { output_size: 1 }, [c.x], true);
    if (!p.ok || c.config.keepdims === true) return p;
    return c.add('Flatten', {}, [{ ...p.value, nhwc: false }], false);
  },
};
