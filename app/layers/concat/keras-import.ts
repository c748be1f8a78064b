import type { KerasImport } from '../../importers/kind-import';

/** Concatenate; a channels-last axis is PyTorch's dim of the same data. */
export const kerasImport: KerasImport = {
  classes: ['Concatenate'],
  convert({ config: c, ins, x, add, fail }) {
    const axis = Number(c.axis ?? -1);
    if (!ins.every((v) => v.nhwc === x.nhwc)) return fail('inputs in different layouts');
    const dim = x.nhwc ? (axis === -1 || axis === 3 ? 1 : axis === 1 ? 2 : 3) : axis === -1 ? x.shape.length : axis;
    return add('Concat', { dim }, ins, x.nhwc);
  },
};
