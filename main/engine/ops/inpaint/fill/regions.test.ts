import { describe, expect, it } from 'vitest';
import { fillRegions, holeComponents } from './regions';
import { boxMask } from './test-images';

describe('hole regions', () => {
  it('finds 8-connected components, diagonal touches included', () => {
    const mask = boxMask(20, 10, [[1, 1, 3, 3], [3, 3, 5, 5], [10, 0, 12, 10], [15, 8, 20, 10]]);
    const boxes = holeComponents(mask, 20, 10).sort((a, b) => a.x0 - b.x0);
    expect(boxes).toEqual([
      { x0: 1, y0: 1, x1: 5, y1: 5 },
      { x0: 10, y0: 0, x1: 12, y1: 10 },
      { x0: 15, y0: 8, x1: 20, y1: 10 },
    ]);
  });

  it('joins runs that a U shape only connects further down', () => {
    const mask = boxMask(9, 6, [[0, 0, 2, 6], [7, 0, 9, 6], [0, 4, 9, 6]]);
    expect(holeComponents(mask, 9, 6)).toEqual([{ x0: 0, y0: 0, x1: 9, y1: 6 }]);
  });

  it('grows regions by a margin, clamps them, and merges the ones that overlap', () => {
    const far = fillRegions([{ x0: 10, y0: 10, x1: 20, y1: 20 }, { x0: 200, y0: 10, x1: 210, y1: 20 }], 300, 100, 1, 4);
    expect(far).toEqual([{ x0: 0, y0: 0, x1: 30, y1: 30 }, { x0: 190, y0: 0, x1: 220, y1: 30 }]);
    const near = fillRegions([{ x0: 10, y0: 10, x1: 20, y1: 20 }, { x0: 35, y0: 10, x1: 45, y1: 20 }], 300, 100, 1, 4);
    expect(near).toEqual([{ x0: 0, y0: 0, x1: 55, y1: 30 }]);
  });
});
