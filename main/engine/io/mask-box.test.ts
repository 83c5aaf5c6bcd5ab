import { describe, expect, it } from 'vitest';
import { maskBox } from './mask-box';

function maskWith(width: number, height: number, pixels: Array<[number, number]>): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const [x, y] of pixels) mask[y * width + x] = 255;
  return mask;
}

describe('maskBox', () => {
  it('bounds the nonzero pixels, exclusive at the far edges', () => {
    expect(maskBox(maskWith(10, 8, [[3, 2], [6, 5], [4, 4]]), 10, 8)).toEqual({ x0: 3, y0: 2, x1: 7, y1: 6 });
  });

  it('grows by the margin and clamps to the image', () => {
    expect(maskBox(maskWith(10, 8, [[1, 6], [8, 7]]), 10, 8, 2)).toEqual({ x0: 0, y0: 4, x1: 10, y1: 8 });
    expect(maskBox(maskWith(10, 8, [[5, 3]]), 10, 8, 1)).toEqual({ x0: 4, y0: 2, x1: 7, y1: 5 });
  });

  it('is undefined for an empty mask', () => {
    expect(maskBox(new Uint8Array(80), 10, 8, 3)).toBeUndefined();
  });
});
