import { describe, expect, it } from 'vitest';
import { previewCrop, rectFromPoints, viewCentre } from './rect-math';

describe('super-resolution rectangle maths', () => {
  const size = { width: 300, height: 200 };

  it('spans two drag points in whole pixels, in any drag direction, clamped to the image', () => {
    expect(rectFromPoints({ x: 50.4, y: 20.2 }, { x: 10.6, y: 80.9 }, size)).toEqual({ x: 10, y: 20, width: 41, height: 61 });
    expect(rectFromPoints({ x: -20, y: -5 }, { x: 400, y: 500 }, size)).toEqual({ x: 0, y: 0, width: 300, height: 200 });
    expect(rectFromPoints({ x: 5, y: 5 }, { x: 5.5, y: 40 }, size)).toBeNull();
  });

  it('centres a 128² preview crop and keeps it inside the image', () => {
    expect(previewCrop({ x: 150, y: 100 }, size)).toEqual({ x: 86, y: 36, width: 128, height: 128 });
    expect(previewCrop({ x: 290, y: 5 }, size)).toEqual({ x: 172, y: 0, width: 128, height: 128 });
    expect(previewCrop({ x: 10, y: 10 }, { width: 50, height: 300 })).toEqual({ x: 0, y: 0, width: 50, height: 128 });
  });

  it('finds the image point under the view centre', () => {
    expect(viewCentre([2, 0, 0, 2, -100, 50], { width: 800, height: 600 })).toEqual({ x: 250, y: 125 });
  });
});
