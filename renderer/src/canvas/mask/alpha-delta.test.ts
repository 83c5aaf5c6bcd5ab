import { describe, expect, it } from 'vitest';
import { grownWithin, unionRect } from './alpha-delta';

describe('mask rectangles', () => {
  it('unionRect holds both rectangles, or the second alone', () => {
    expect(unionRect(null, { x: 3, y: 4, w: 5, h: 6 })).toEqual({ x: 3, y: 4, w: 5, h: 6 });
    expect(unionRect({ x: 0, y: 10, w: 2, h: 2 }, { x: 3, y: 4, w: 5, h: 6 })).toEqual({ x: 0, y: 4, w: 8, h: 8 });
  });

  it('grownWithin grows by the margin and stops at the image', () => {
    expect(grownWithin({ x: 20, y: 30, w: 10, h: 5 }, 4, 100, 50)).toEqual({ x: 16, y: 26, w: 18, h: 13 });
    expect(grownWithin({ x: -5, y: 40, w: 200, h: 20 }, 4, 100, 50)).toEqual({ x: 0, y: 36, w: 100, h: 14 });
  });

  it('grownWithin keeps at least one pixel inside the image for a rectangle outside it', () => {
    expect(grownWithin({ x: 150, y: -30, w: 10, h: 10 }, 2, 100, 50)).toEqual({ x: 99, y: 0, w: 1, h: 1 });
  });
});
