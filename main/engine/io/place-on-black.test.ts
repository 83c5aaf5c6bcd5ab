import { describe, expect, it } from 'vitest';
import { maskFromRaster } from '../ops/inpaint/fill';
import { placeOnBlack } from './place-on-black';
import { makeRaster, sample } from './test-fixtures';

describe('placeOnBlack', () => {
  it('puts the crop at its corner on black, as one grey channel', () => {
    // RGBA, as the UI's canvas encodes it: white inside a one-pixel black ring, opaque.
    const crop = makeRaster(4, 3, 4, 8, (x, y, c) => (c === 3 ? 255 : x > 0 && x < 3 && y === 1 ? 255 : 0), 'mask.png');
    const placed = placeOnBlack(crop, { width: 10, height: 8, left: 5, top: 4 });
    expect([placed.width, placed.height, placed.channels, placed.bitDepth]).toEqual([10, 8, 1, 8]);
    const white: Array<[number, number]> = [];
    for (let y = 0; y < 8; y += 1) for (let x = 0; x < 10; x += 1) if (sample(placed, x, y, 0) !== 0) white.push([x, y]);
    expect(white).toEqual([[6, 5], [7, 5]]);
    expect(sample(placed, 6, 5, 0)).toBe(255);
    // The inpainting jobs read it as the same hole.
    const hole = maskFromRaster(placed);
    expect([...hole.data].flatMap((v, i) => (v ? [[i % 10, Math.floor(i / 10)]] : []))).toEqual([[6, 5], [7, 5]]);
  });

  it('keeps the grey levels of a feather, from 16 bits as from 8', () => {
    const crop = makeRaster(2, 1, 1, 16, (x) => (x === 0 ? 32896 : 65535));
    const placed = placeOnBlack(crop, { width: 2, height: 1, left: 0, top: 0 });
    expect([...placed.data]).toEqual([128, 255]);
  });

  it('refuses a crop that does not fit, naming it and the frame', () => {
    const crop = makeRaster(4, 4, 1, 8, () => 255, 'mask.png');
    expect(() => placeOnBlack(crop, { width: 10, height: 10, left: 7, top: 0 })).toThrow('mask.png (4 × 4) does not fit in a 10 × 10 image at 7, 0.');
  });

  it('refuses a frame over the pixel limit before allocating it', () => {
    const crop = makeRaster(1, 1, 1, 8, () => 255, 'mask.png');
    expect(() => placeOnBlack(crop, { width: 20_000, height: 20_000, left: 0, top: 0 })).toThrow(/mask.png is 20000 × 20000 pixels/);
  });
});
