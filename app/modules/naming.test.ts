import { describe, expect, it } from 'vitest';
import { assignChildNames, baseName, snakeCase } from './naming';

describe('assignChildNames', () => {
  it('names unnamed Sequential children by index', () => {
    expect(assignChildNames([{ base: 'Conv2d' }, { base: 'ReLU' }, { base: 'MaxPool2d' }], 'Sequential')).toEqual([
      '0',
      '1',
      '2',
    ]);
  });

  it('keeps explicit names in a Sequential (OrderedDict form) and skips taken indices', () => {
    expect(assignChildNames([{ name: 'conv0', base: 'Conv2d' }, { base: 'ReLU' }], 'Sequential')).toEqual([
      'conv0',
      '1',
    ]);
    expect(assignChildNames([{ base: 'Conv2d' }, { name: '0', base: 'ReLU' }], 'Sequential')).toEqual(['1', '0']);
  });

  it('gives custom-module children PyTorch-like unique defaults', () => {
    const names = assignChildNames(
      [
        { base: 'Conv2d' },
        { base: 'BatchNorm2d' },
        { base: 'ReLU' },
        { base: 'Conv2d' },
        { base: 'ReLU' },
        { base: 'Linear' },
        { base: 'BasicBlock' },
      ],
      'Module',
    );
    expect(names).toEqual(['conv1', 'bn1', 'relu', 'conv2', 'relu2', 'fc1', 'basic_block']);
  });

  it('never reuses an explicit name for a default', () => {
    expect(assignChildNames([{ base: 'Conv2d' }, { name: 'conv1', base: 'Conv2d' }], 'Module')).toEqual([
      'conv2',
      'conv1',
    ]);
    expect(assignChildNames([{ name: 'relu', base: 'Tanh' }, { base: 'ReLU' }], 'Module')).toEqual(['relu', 'relu2']);
  });

  it('keeps names unique when explicit names repeat', () => {
    expect(
      assignChildNames(
        [
          { name: 'fc', base: 'Linear' },
          { name: 'fc', base: 'Linear' },
        ],
        'Module',
      ),
    ).toEqual(['fc', 'fc_2']);
  });
});

describe('baseName / snakeCase', () => {
  it('follows torchvision names where it has a habit', () => {
    expect(baseName('AdaptiveAvgPool2d')).toBe('avgpool');
    expect(baseName('Flatten')).toBe('flatten');
    expect(snakeCase('BasicConv2d')).toBe('basic_conv2d');
    expect(snakeCase('_DenseLayer')).toBe('dense_layer');
  });
});
