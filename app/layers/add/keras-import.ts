import type { KerasImport } from '../../importers/kind-import';

export const kerasImport: KerasImport = {
  classes: ['Add'],
  convert: ({ ins, x, add, fail }) =>
    ins.every((v) => v.nhwc === x.nhwc) ? add('Add', {}, ins, x.nhwc) : fail('inputs in different layouts'),
};
