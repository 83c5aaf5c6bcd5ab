import { describe, expect, it } from 'vitest';
import { alphaOf, redFromAlpha, thresholdMask } from './mask-raster';

const rgba = (...pixels: number[][]): Uint8ClampedArray => new Uint8ClampedArray(pixels.flat());

describe('thresholdMask', () => {
  it('reads luminance over 50 % as the hole when alpha does not vary', () => {
    const px = rgba([255, 255, 255, 255], [0, 0, 0, 255], [128, 128, 128, 255], [127, 127, 127, 255]);
    expect(thresholdMask(px, 2)).toEqual({ x: 0, y: 0, w: 1, h: 2 }); // The holes' bounds, 2 pixels a row.
    expect([...px]).toEqual([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0]);
  });

  it('reads alpha over 50 % as the hole when alpha varies, whatever the colour', () => {
    const px = rgba([0, 0, 0, 200], [255, 255, 255, 100], [0, 0, 0, 128]);
    expect(thresholdMask(px, 3)).toEqual({ x: 0, y: 0, w: 3, h: 1 });
    expect([...px]).toEqual([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
  });
});

it('thresholdMask finds no bounds in a mask without holes', () => {
  expect(thresholdMask(rgba([0, 0, 0, 255], [10, 10, 10, 255]), 1)).toBeNull();
});

describe('alphaOf and redFromAlpha', () => {
  it('round-trip alpha through the model\'s red pixels, leaving zero alpha blank', () => {
    const alpha = new Uint8Array([0, 7, 255]);
    const px = new Uint8ClampedArray(alpha.length * 4);
    redFromAlpha(alpha, px);
    expect([...px]).toEqual([0, 0, 0, 0, 255, 0, 0, 7, 255, 0, 0, 255]);
    expect([...alphaOf(px)]).toEqual([...alpha]);
  });
});
