import { describe, expect, it } from 'vitest';
import { LAYERS } from '../layers/registry';
import { closestKinds } from './onnx-suggest';

const kinds = LAYERS.map((l) => l.type);

describe('closestKinds', () => {
  it('names the kinds that compute something alike first', () => {
    expect(closestKinds('Hardmax', kinds)).toEqual(['Softmax', 'LogSoftmax', expect.any(String)]);
    expect(closestKinds('Selu', kinds).slice(0, 2)).toEqual(['ELU', 'LeakyReLU']);
    expect(closestKinds('ReduceMax', kinds)[0]).toBe('AdaptiveMaxPool2d');
  });

  it('falls back to the closest spelling of a kind or of an operator a kind reads', () => {
    // A custom or misspelt operator: MaxPool2D is read by MaxPool2d, GlobalAveragePooling by AdaptiveAvgPool2d (GlobalAveragePool).
    expect(closestKinds('MaxPool2D', kinds)[0]).toBe('MaxPool2d');
    expect(closestKinds('GlobalAveragePooling', kinds)[0]).toBe('AdaptiveAvgPool2d');
    expect(closestKinds('Whatever', kinds)).toHaveLength(3);
    expect(closestKinds('Whatever', kinds)).not.toContain('Input');
  });
});
