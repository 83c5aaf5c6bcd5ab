import { describe, expect, it } from 'vitest';
import { axisWeights, planAxis } from './plan';
import { chooseTileSize } from './tile-size';

describe('planAxis / axisWeights', () => {
  it.each([
    [17, 40, 10, 4, 1],
    [100, 40, 10, 4, 5],
    [333, 64, 10, 0, 8],
    [1, 64, 10, 4, 1],
  ])('length %i, tile %i, context %i, feather %i', (length, tile, context, feather, expectedTiles) => {
    const plan = planAxis(length, tile, context, feather);
    expect(plan.starts).toHaveLength(expectedTiles);
    expect(plan.starts[0]).toBe(0);
    expect(plan.starts.at(-1)).toBe(length - plan.tile);
    for (let i = 1; i < plan.starts.length; i += 1) {
      // Valid spans overlap by at least the feather, and every tile keeps its context.
      expect(plan.valid[i - 1]![1] - plan.valid[i]![0]).toBeGreaterThanOrEqual(feather);
      expect(plan.valid[i]![0] - plan.starts[i]!).toBe(context);
    }
    for (const scale of [1, 2, 3]) {
      const weights = axisWeights(plan, scale);
      const sum = new Float64Array(length * scale);
      weights.forEach((w, i) => w.forEach((v, k) => (sum[plan.starts[i]! * scale + k]! += v)));
      for (const total of sum) expect(total).toBeCloseTo(1, 6);
    }
  });

  it('never weights a context pixel', () => {
    const plan = planAxis(100, 40, 10, 4);
    const w = axisWeights(plan, 2)[1]!;
    expect(Array.from(w.subarray(0, 20)).every((v) => v === 0)).toBe(true);
    expect(Array.from(w.subarray(60)).every((v) => v === 0)).toBe(true);
  });

  it('sizes slim tiles for well under a second and bounds memory', () => {
    expect(chooseTileSize({ context: 10, flopsPerPixel: 445_088, bytesPerPixel: 4 * 1123 })).toBe(134);
    expect(chooseTileSize({ context: 10, flopsPerPixel: 445_088, bytesPerPixel: 4 * 1123 }, { memoryBudget: 16e6 })).toBe(59);
  });
});

describe('fitTiles', () => {
  it('runs small images as one tile and fits tiles to larger ones', async () => {
    const { fitTiles } = await import('./tile-size');
    expect(fitTiles(128, 128, 149, 10, 4)).toEqual({ tileWidth: 128, tileHeight: 128 });
    const fit = fitTiles(300, 200, 149, 10, 4);
    expect(fit.tileWidth * fit.tileHeight).toBeLessThanOrEqual(149 * 149);
    const executed = planAxis(300, fit.tileWidth, 10, 4).starts.length * planAxis(200, fit.tileHeight, 10, 4).starts.length * fit.tileWidth * fit.tileHeight;
    expect(executed / (300 * 200)).toBeLessThan(1.4);
  });
});
