import type { KerasImport } from '../../importers/kind-import';

/** GlobalAveragePooling2D as AdaptiveAvgPool2d(1) then Flatten. */
export const kerasImport: KerasImport = {
  classes: ['GlobalAveragePooling2D'],
  convert(c) {
    const p = c.add('AdaptiveAvgPool2d', { output_size: 1 }, [c.x], true);
    return p.ok ? c.add('Flatten', {}, [{ ...p.value, nhwc: false }], false) : p;
  },
};
