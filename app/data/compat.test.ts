import { describe, expect, it } from 'vitest';
import { checkInputShape } from './compat';

describe('checkInputShape', () => {
  it('accepts equal shapes and explains the fix otherwise', () => {
    expect(checkInputShape([1, 28, 28], [1, 28, 28], 'mnist').ok).toBe(true);
    expect((checkInputShape([1, 28, 28], [3, 32, 32], 'fashion-mnist') as { error: string }).error).toBe(
      "dataset fashion-mnist gives samples of shape [1, 28, 28] but the network's Input takes [3, 32, 32]. Set the Input node's shape to [1, 28, 28].",
    );
    expect((checkInputShape([1, 28, 28], [784], 'mnist') as { error: string }).error).toMatch(
      /add a Flatten layer before the first Linear \(784 features\)/,
    );
    expect((checkInputShape([3, 64, 64], [1, 28, 28], 'folder:/x') as { error: string }).error).toMatch(
      /Image folders are resized/,
    );
  });
});
