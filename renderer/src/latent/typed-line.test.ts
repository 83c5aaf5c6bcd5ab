import { describe, expect, it } from 'vitest';
import { clampCoord, defaultLine, linePoints } from './typed-line';

describe('typed line', () => {
  it('starts across the middle of the region, or of the photo without one', () => {
    expect(defaultLine({ x: 10, y: 64, width: 200, height: 160 }, { width: 224, height: 224 })).toEqual({ x0: 10, y0: 144, x1: 210, y1: 144 });
    expect(defaultLine(undefined, { width: 224, height: 101 })).toEqual({ x0: 0, y0: 51, x1: 224, y1: 51 });
  });

  it('clamps typed coordinates to whole pixels on the photo, keeping the old value for junk', () => {
    expect(clampCoord(-5, 7, 224)).toBe(0);
    expect(clampCoord(300, 7, 224)).toBe(224);
    expect(clampCoord(12.6, 7, 224)).toBe(13);
    expect(clampCoord(Number.NaN, 7, 224)).toBe(7);
  });

  it('spaces points a quarter of the brush apart, ends included', () => {
    const pts = linePoints({ x0: 20, y0: 100, x1: 120, y1: 100 }, 12);
    expect(pts[0]).toEqual({ x: 20, y: 100 });
    expect(pts[pts.length - 1]).toEqual({ x: 120, y: 100 });
    expect(pts).toHaveLength(35); // 100 px at ≤ 3 px: 34 gaps.
    for (let i = 1; i < pts.length; i += 1) expect(pts[i]!.x - pts[i - 1]!.x).toBeLessThanOrEqual(3);
  });

  it('makes a dab of a line with no length, and stays under the contract cap on a huge photo', () => {
    expect(linePoints({ x0: 5, y0: 5, x1: 5, y1: 5 }, 12)).toEqual([{ x: 5, y: 5 }]);
    const long = linePoints({ x0: 0, y0: 0, x1: 65_535, y1: 65_535 }, 1);
    expect(long.length).toBeLessThanOrEqual(10_000);
    expect(long[long.length - 1]).toEqual({ x: 65_535, y: 65_535 });
  });
});
