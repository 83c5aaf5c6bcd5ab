import { describe, expect, it } from 'vitest';
import { centredTransform, clampZoom, fitZoom, MAX_ZOOM, wheelZoom } from './viewport';

describe('viewport maths', () => {
  it('fits the longer side with padding', () => {
    expect(fitZoom({ width: 2000, height: 1000 }, { width: 1048, height: 1048 }, 24)).toBe(0.5);
    expect(fitZoom({ width: 28, height: 28 }, { width: 328, height: 328 }, 24)).toBeCloseTo(280 / 28);
  });

  it('centres the image', () => {
    expect(centredTransform(0.5, { width: 200, height: 100 }, { width: 300, height: 300 })).toEqual([0.5, 0, 0, 0.5, 100, 125]);
  });

  it('zooms in on wheel up and clamps', () => {
    expect(wheelZoom(1, -100)).toBeGreaterThan(1);
    expect(wheelZoom(1, 100)).toBeLessThan(1);
    expect(wheelZoom(MAX_ZOOM, -1000)).toBe(MAX_ZOOM);
    expect(clampZoom(Number.NaN)).toBe(1);
  });
});
