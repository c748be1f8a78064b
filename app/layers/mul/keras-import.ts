import type { KerasImport } from '../../importers/kind-import';

export const kerasImport: KerasImport = {
  classes: ['Multiply'],
  convert({ ins, x, add, fail }) {
    if (ins.length !== 2) return fail(`Multiply of ${ins.length} inputs is not imported (Mul takes 2)`);
    return ins.every((v) => v.nhwc === x.nhwc) ? add('Mul', {}, ins, x.nhwc) : fail('inputs in different layouts');
  },
};
