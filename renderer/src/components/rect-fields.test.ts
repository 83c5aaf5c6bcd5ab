import { describe, expect, it } from 'vitest';
import { clampRect } from './rect-fields';

const image = { width: 400, height: 300 };
const whole = { x: 0, y: 0, width: 400, height: 300 };

describe('clampRect', () => {
  it('keeps a typed rectangle inside the image, in whole pixels, at least 1 × 1', () => {
    expect(clampRect({ x: 100.4, y: 50, width: 80, height: 60 }, whole, image)).toEqual({ x: 100, y: 50, width: 80, height: 60 });
    expect(clampRect({ x: 350, width: 200 }, whole, image)).toEqual({ x: 350, y: 0, width: 50, height: 300 });
    expect(clampRect({ x: -20, y: 500, width: 0, height: -3 }, whole, image)).toEqual({ x: 0, y: 299, width: 1, height: 1 });
  });

  it('keeps the old value of a field left empty, and gives the whole image back as null', () => {
    const old = { x: 10, y: 20, width: 30, height: 40 };
    expect(clampRect({ width: Number.NaN }, old, image)).toEqual(old);
    expect(clampRect({ x: 0, y: 0, width: 400, height: 300 }, old, image)).toBeNull();
    expect(clampRect({ x: 0, y: 0, width: 9999, height: 9999 }, old, image)).toBeNull();
  });
});
