import { describe, expect, it } from 'vitest';
import type { TMat2D } from 'fabric';
import { appendPoint, clampToImage, distToPath, photoToViewport, rectFromDrag, viewportToPhoto } from './geometry';

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
