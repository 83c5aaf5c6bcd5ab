import { describe, expect, it } from 'vitest';
import type { TMat2D } from 'fabric';
import { appendPoint, clampToImage, distToPath, distToRect, pathTouchesRect, photoToViewport, rectFromDrag, segmentHitsRect, viewportToPhoto } from './geometry';

describe('stroke coordinates', () => {
  const vpt: TMat2D = [2.5, 0, 0, 2.5, 40, -12];

  it('maps viewport points to photo pixels and back', () => {
    // A click 40 px right of the photo's left edge at 250 % lands 16 photo pixels in.
    expect(viewportToPhoto({ x: 80, y: -12 }, vpt)).toEqual({ x: 16, y: 0 });
    const p = { x: 13.2, y: 101.7 };
    const back = viewportToPhoto(photoToViewport(p, vpt), vpt);
    expect(back.x).toBeCloseTo(p.x, 9);
    expect(back.y).toBeCloseTo(p.y, 9);
  });

  it('handles a non-uniform transform', () => {
    const skew: TMat2D = [2, 1, 0.5, 3, 5, 7];
    const p = { x: 3, y: -4 };
    const back = viewportToPhoto(photoToViewport(p, skew), skew);
    expect(back.x).toBeCloseTo(3, 9);
    expect(back.y).toBeCloseTo(-4, 9);
  });

  it('clamps points to the photo', () => {
    expect(clampToImage({ x: -5, y: 300 }, { width: 224, height: 224 })).toEqual({ x: 0, y: 224 });
  });

  it('spaces samples evenly: drops jitter, fills gaps', () => {
    let pts = appendPoint([], { x: 0, y: 0 }, 2);
    pts = appendPoint(pts, { x: 0.5, y: 0 }, 2);
    expect(pts).toHaveLength(1);
    pts = appendPoint(pts, { x: 10, y: 0 }, 2);
    expect(pts.map((p) => p.x)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('makes a whole-pixel rectangle from a drag in any direction, or none when tiny', () => {
    const size = { width: 100, height: 80 };
    expect(rectFromDrag({ x: 50.6, y: 70.2 }, { x: 10.4, y: -9 }, size)).toEqual({ x: 10, y: 0, width: 41, height: 71 });
    expect(rectFromDrag({ x: 5, y: 5 }, { x: 6, y: 30 }, size)).toBeNull();
  });

  it('measures distance to a path', () => {
    expect(distToPath({ x: 5, y: 3 }, [{ x: 0, y: 0 }, { x: 10, y: 0 }])).toBe(3);
    expect(distToPath({ x: 3, y: 4 }, [{ x: 0, y: 0 }])).toBe(5);
  });
});

describe('strokes and the session region', () => {
  const region = { x: 100, y: 100, width: 200, height: 200 };

  it('measures the distance from a point to a rectangle (0 inside)', () => {
    expect(distToRect({ x: 150, y: 150 }, region)).toBe(0);
    expect(distToRect({ x: 90, y: 200 }, region)).toBe(10);
    expect(distToRect({ x: 303, y: 304 }, region)).toBe(5);
  });

  it('finds a segment crossing the rectangle with both ends outside', () => {
    expect(segmentHitsRect({ x: 50, y: 200 }, { x: 350, y: 200 }, region)).toBe(true);
    expect(segmentHitsRect({ x: 50, y: 50 }, { x: 350, y: 350 }, region)).toBe(true);
    expect(segmentHitsRect({ x: 50, y: 90 }, { x: 350, y: 90 }, region)).toBe(false);
    expect(segmentHitsRect({ x: 0, y: 250 }, { x: 90, y: 350 }, region)).toBe(false);
  });

  it('counts a path whose dabs reach the rectangle, and only those', () => {
    const below = [{ x: 120, y: 310 }, { x: 280, y: 310 }];
    expect(pathTouchesRect(below, 6, region)).toBe(false);
    expect(pathTouchesRect(below, 10, region)).toBe(true);
    // Past a corner: the nearest approach is to the corner, not to either end.
    const diagonal = [{ x: 280, y: 330 }, { x: 330, y: 280 }];
    expect(distToRect({ x: 305, y: 305 }, region)).toBeCloseTo(Math.SQRT2 * 5, 9);
    expect(pathTouchesRect(diagonal, 7, region)).toBe(false);
    expect(pathTouchesRect(diagonal, 7.1, region)).toBe(true);
    expect(pathTouchesRect([{ x: 200, y: 200 }], 1, region)).toBe(true);
    expect(pathTouchesRect([], 50, region)).toBe(false);
  });
});
