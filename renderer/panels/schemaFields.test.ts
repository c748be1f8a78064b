import { describe, expect, it } from 'vitest';
import { getLayer } from '../../app/layers/registry';
import { describeFields, type FieldKind, formatFieldValue, parseFieldText } from './schemaFields';

describe('inspector fields from a layer schema', () => {
  it('reads Conv2d: names and defaults as PyTorch, pairs, enums, booleans, the inferred count', () => {
    const spec = getLayer('Conv2d');
    if (!spec) throw new Error('no Conv2d');
    const f = describeFields(spec.schema);
    expect(f.map((x) => x.name)).toEqual([
      'in_channels',
      'out_channels',
      'kernel_size',
      'stride',
      'padding',
      'dilation',
      'groups',
      'bias',
      'padding_mode',
    ]);
    const by = new Map(f.map((x) => [x.name, x]));
    expect(by.get('bias')?.field).toEqual({ kind: 'boolean' });
    expect(by.get('padding_mode')?.field).toEqual({ kind: 'enum', options: ['zeros'] });
    expect(by.get('kernel_size')?.field).toMatchObject({ kind: 'text', allowsPair: true });
    expect(by.get('padding')?.field).toMatchObject({ kind: 'text', words: ['same', 'valid'] });
    expect(by.get('in_channels')?.field).toMatchObject({ kind: 'text', nullable: true });
    expect(by.get('stride')).toMatchObject({ hasDefault: true, defaultValue: 1 });
    expect(by.get('out_channels')?.hasDefault).toBe(false);
  });

  it('parses what a person types, and validation says what is wrong', () => {
    const text: FieldKind = { kind: 'text', nullable: true, allowsPair: true, words: [] };
    expect(parseFieldText('5', text)).toBe(5);
    expect(parseFieldText('5, 3', text)).toEqual([5, 3]);
    expect(parseFieldText('(5, 3)', text)).toEqual([5, 3]);
    expect(parseFieldText('[2,2]', text)).toEqual([2, 2]);
    expect(parseFieldText('same', text)).toBe('same');
    expect(parseFieldText("'valid'", text)).toBe('valid');
    expect(parseFieldText('', text)).toBeNull();
    expect(parseFieldText('None', text)).toBeNull();
    expect(parseFieldText('0.5', text)).toBe(0.5);
    expect(formatFieldValue([5, 3])).toBe('5, 3');
    const spec = getLayer('Conv2d');
    const r = spec?.schema.safeParse({ out_channels: 6, kernel_size: parseFieldText('abc', text) });
    expect(r?.success).toBe(false);
  });
});
