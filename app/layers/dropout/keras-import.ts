import type { KerasImport } from '../../importers/kind-import';

/** Dropout (rate) and Netloom's TorchDropout (p). */
export const kerasImport: KerasImport = {
  classes: ['Dropout', 'TorchDropout'],
  convert: ({ add, config: c, x }) => add('Dropout', { p: Number(c.rate ?? c.p ?? 0.5) }, [x], x.nhwc),
};
