import type { KerasImport } from '../../importers/kind-import';

/** ReLU; with max_value 6 it is ReLU6, another cap has no PyTorch layer. */
export const kerasImport: KerasImport = {
  classes: ['ReLU'],
  convert(c) {
    const cap = c.config.max_value ?? c.config.maxValue;
    if (cap === undefined || cap === null) return c.add('ReLU', {}, [c.x], c.x.nhwc);
    return Number(cap) === 6
      ? c.add('ReLU6', {}, [c.x], c.x.nhwc)
      : c.fail(`ReLU with max_value ${String(cap)} is not imported (only 6, as ReLU6)`);
  },
};
