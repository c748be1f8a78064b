import { describe, expect, it } from 'vitest';
import { lodOf } from './LevelOfDetail';

describe('level of detail', () => {
  it('hides edge labels below 40 % zoom and node details below 30 %', () => {
    expect(lodOf(1)).toBe('near');
    expect(lodOf(0.4)).toBe('near');
    expect(lodOf(0.35)).toBe('mid');
    expect(lodOf(0.29)).toBe('far');
  });
});
