import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { edgePath } from './edgePath';

const down = { sourcePosition: Position.Bottom, targetPosition: Position.Top };

describe('edgePath', () => {
  it('draws neighbours as a plain curve with the label between them', () => {
    const [path, x, y] = edgePath({ ...down, sourceX: 100, sourceY: 0, targetX: 100, targetY: 80 });
    const xs = [...path.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBe(100); // no bow: every point stays on the column
    expect([x, y]).toEqual([100, 40]);
  });

  it('bows a long straight skip edge out to the side, label included', () => {
    const [path, x] = edgePath({ ...down, sourceX: 100, sourceY: 0, targetX: 110, targetY: 600 });
    expect(path).toMatch(/^M 100,0 C 3\d\d/);
    expect(x).toBeGreaterThan(200);
  });

  it("puts a skip edge's label clear of the nodes it passes (a 120 px label beside a 210 px column)", () => {
    for (const dx of [-100, 0, 10, 100]) {
      const [, x] = edgePath({ ...down, sourceX: 100, sourceY: 0, targetX: 100 + dx, targetY: 600 });
      const label = { left: x - 60, right: x + 60 };
      for (const column of [100, 100 + dx])
        expect(label.right < column - 105 || label.left > column + 105, `dx ${dx}, column ${column}`).toBe(true);
    }
  });
});
