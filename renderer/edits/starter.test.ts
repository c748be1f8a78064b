import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../app/layers/registry';
import { starterParams } from './starter';

describe('starterParams', () => {
  it('gives every layer kind parameters its schema accepts (a dropped node is never born invalid)', () => {
    for (const spec of LAYERS) {
      const parsed = spec.schema.safeParse(starterParams(spec.type));
      expect(
        parsed.success,
        `${spec.type}: ${parsed.success ? '' : parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      ).toBe(true);
    }
  });

  it('fills only what PyTorch has no default for', () => {
    expect(starterParams('ReLU')).toEqual({});
    expect(starterParams('Conv2d')).toEqual({ out_channels: 16, kernel_size: 3 });
    expect(starterParams('ZeroPad2d')).toEqual({ padding: 1 });
  });
});
