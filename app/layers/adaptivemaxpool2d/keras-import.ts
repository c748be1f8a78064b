import type { KerasImport } from '../../importers/kind-import';

/** GlobalMaxPooling2D as AdaptiveMaxPool2d(1) then Flatten. */
export const kerasImport: KerasImport = {
  classes: ['GlobalMaxPooling2D', 'GlobalMaxPool2D'],
  convert(c) {
    const p = c.add('AdaptiveMaxPool2d', { output_size: 1 }, [c.x], true);
    return p.ok ? c.add('Flatten', {}, [{ ...p.value, nhwc: false }], false) : p;
  },
};
