import type { KerasImport } from '../../importers/kind-import';

export const kerasImport: KerasImport = {
  classes: ['ELU'],
  convert: ({ add, config: c, x }) => add('ELU', { alpha: Number(c.alpha ?? 1) }, [x], x.nhwc),
};
