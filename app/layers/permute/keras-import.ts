import type { KerasImport } from '../../importers/kind-import';

/** PyTorch dim of each Keras axis (1-based, no batch) of a channels-last [H, W, C] value stored as [C, H, W]. */
const TORCH_OF_KERAS = [0, 2, 3, 1];

/**
 * Permute (dims count Keras's axes from 1) as Permute([0, ...]). A channels-last [H, W, C] value stays
 * channels-last: Keras's result [a, b, c] is PyTorch's [c, a, b], so the PyTorch dims are the Keras
 * dims (d1, d2, d3) read as [0, T(d3), T(d1), T(d2)].
 */
export const kerasImport: KerasImport = {
  classes: ['Permute'],
  convert({ config, x, add, fail }) {
    const dims = Array.isArray(config.dims) ? (config.dims as number[]).map(Number) : undefined;
    if (!dims || dims.length !== x.shape.length)
      return fail(`dims ${JSON.stringify(config.dims)} do not fit the input`);
    if (!x.nhwc || x.shape.length !== 3) return add('Permute', { dims: [0, ...dims] }, [x], x.nhwc);
    const t = dims.map((d) => TORCH_OF_KERAS[d]);
    return add('Permute', { dims: [0, t[2], t[0], t[1]] }, [x], true);
  },
};
