import type { KerasImport } from '../../importers/kind-import';

/**
 * PReLU: Keras's alpha has a slope per position of the input except along shared_axes; PyTorch's
 * PReLU has one per channel or one in all. So alpha must vary along the channel axis only (an image
 * [H, W, C] with shared_axes [1, 2]: PReLU(C)) or along none (all axes shared: PReLU()).
 */
export const kerasImport: KerasImport = {
  classes: ['PReLU'],
  convert(c) {
    const { config: cf, x } = c;
    const rank = x.shape.length + 1;
    const shared = new Set(
      (Array.isArray(cf.shared_axes) ? cf.shared_axes : cf.shared_axes == null ? [] : [cf.shared_axes]).map((a) => {
        const n = Number(a);
        return n < 0 ? n + rank : n;
      }),
    );
    const channel = x.nhwc ? rank - 1 : 1;
    const free = Array.from({ length: rank - 1 }, (_, i) => i + 1).filter((a) => !shared.has(a));
    const perChannel = free.length === 1 && free[0] === channel;
    if (free.length > 0 && !perChannel) {
      const keras = x.nhwc ? [...x.shape.slice(1), x.shape[0]] : x.shape;
      const others = Array.from({ length: rank - 1 }, (_, i) => i + 1).filter((a) => a !== channel);
      return c.fail(
        `alpha has a slope per position along axes [${free.join(', ')}] of the input [N, ${keras.join(', ')}], and PyTorch's PReLU has one per channel or one in all; save the model with shared_axes=[${others.join(', ')}] (one slope per channel)`,
      );
    }
    const n = perChannel ? x.shape[0] : 1;
    const v = c.add('PReLU', { num_parameters: n }, [x], x.nhwc);
    if (!v.ok) return v;
    const r = c.put(v.value.id, 'weight', [n], c.weight('alpha')?.values);
    return r.ok ? v : r;
  },
};
