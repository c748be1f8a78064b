import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../app/templates';
import { hasGeneratedLayout } from './file';

describe('a project file laid out by a generator (netloom new / import)', () => {
  it('is recognized, and a file a person arranged is not', () => {
    const g = buildTemplate('resnet18');
    if (!g.ok) throw new Error(g.error);
    expect(hasGeneratedLayout(g.value)).toBe(true);
    const moved = {
      ...g.value,
      nodes: g.value.nodes.map((n, i) => (i === 3 ? { ...n, position: { x: n.position.x + 40, y: n.position.y } } : n)),
    };
    expect(hasGeneratedLayout(moved)).toBe(false);
  });
});
