import type { KerasImport } from '../../importers/kind-import';

/**
 * SpatialDropout2D (whole channels of an image dropped, as nn.Dropout2d) with p = rate; the image
 * must be channels-last (Keras's default) or, with data_format 'channels_first', in PyTorch's order.
 */
export const kerasImport: KerasImport = {
  classes: ['SpatialDropout2D'],
  convert(c) {
    const { config: cf, x } = c;
    const first = cf.data_format === 'channels_first';
    if (x.shape.length !== 3 || x.nhwc === first)
      return c.fail(
        `SpatialDropout2D needs an image ${first ? '[C, H, W] (data_format channels_first)' : '[H, W, C]'}; this input is not one: use Dropout for other shapes`,
      );
    return c.add('Dropout2d', { p: Number(cf.rate ?? 0.5) }, [x], x.nhwc);
  },
};
