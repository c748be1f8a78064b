/** RGBA pixels to PNG bytes (pngjs). */
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../../app/data/grid';

export function encodePng(img: RgbaImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data.set(img.rgba);
  return PNG.sync.write(png);
}
