import type { KerasImport } from '../../importers/kind-import';

/**
 * GlobalMaxPooling2D as AdaptiveMaxPool2d(1) then Flatten; with keepdims the pool alone
 * (PyTorch's [C, 1, 1] is Keras's kept [1, 1, C]).
 */
export const kerasImport: KerasImport = {
  classes: ['GlobalMaxPooling2D', 'GlobalMaxPool2D'],
  convert(c) {
    const p = c.add('AdaptiveMaxPool2d', { output_size: 1 }, [c.x], true);
    if (!p.ok || c.config.keepdims === true) return p;
    return c.add('Flatten', {}, [{ ...p.value, nhwc: false }], false);
  },
};
