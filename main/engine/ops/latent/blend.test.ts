import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../io/raster';
import { blendDifference, featherWeight } from './blend';

function photo(width: number, height: number, bitDepth: 8 | 16 = 8): RasterImage {
  const size = width * height * 3;
  const data = bitDepth === 16 ? new Uint16Array(size) : new Uint8Array(size);
  for (let i = 0; i < size; i += 1) data[i] = (i * 37) % (bitDepth === 16 ? 60000 : 200);
  return { width, height, channels: 3, bitDepth, data, metadata: { name: 'p.png' } };
}

describe('blendDifference', () => {
  it('leaves every pixel outside the region identical', () => {
    const source = photo(40, 30);
    const region = { x: 10, y: 5, width: 16, height: 12 };
    const delta = new Float32Array(8 * 8).fill(0.3);
    const out = blendDifference(source, region, delta, 8, 8, 3);
    let changedInside = 0;
    for (let y = 0; y < 30; y += 1) {
      for (let x = 0; x < 40; x += 1) {
        const inside = x >= 10 && x < 26 && y >= 5 && y < 17;
        for (let c = 0; c < 3; c += 1) {
          const i = (y * 40 + x) * 3 + c;
          if (!inside) expect(out.data[i]).toBe(source.data[i]);
          else if (out.data[i] !== source.data[i]) changedInside += 1;
        }
      }
    }
    expect(changedInside).toBeGreaterThan(16 * 12);
    expect(source.data[(10 * 40 + 18) * 3]).toBe(photo(40, 30).data[(10 * 40 + 18) * 3]);
  });

  it('applies the full difference in the middle and keeps 16-bit precision', () => {
    const source = photo(20, 20, 16);
    const out = blendDifference(source, { x: 0, y: 0, width: 20, height: 20 }, new Float32Array(4).fill(-0.1), 2, 2, 2);
    const i = (10 * 20 + 10) * 3;
    expect(out.data[i]).toBe(Math.max(0, (source.data[i] ?? 0) - Math.round(0.1 * 65535)));
    expect(out.data).toBeInstanceOf(Uint16Array);
  });

  it('applies an R, G, B change channel by channel, and its luminance to a grey photo', () => {
    // Full-region change, no feather: red +0.2, green 0, blue −0.2 everywhere.
    const rgb = new Float32Array(4 * 3);
    for (let p = 0; p < 4; p += 1) rgb.set([0.2, 0, -0.2], p * 3);
    const colour: RasterImage = { width: 6, height: 4, channels: 3, bitDepth: 8, data: new Uint8Array(6 * 4 * 3).fill(100), metadata: { name: 'c.png' } };
    const region = { x: 1, y: 0, width: 4, height: 4 };
    const out = blendDifference(colour, region, rgb, 2, 2, 0, 3);
    expect(Array.from(out.data.subarray((1 * 6 + 2) * 3, (1 * 6 + 2) * 3 + 3))).toEqual([151, 100, 49]);
    expect(Array.from(out.data.subarray(0, 3))).toEqual([100, 100, 100]); // x = 0: outside
    const grey: RasterImage = { width: 6, height: 4, channels: 1, bitDepth: 8, data: new Uint8Array(6 * 4).fill(100), metadata: { name: 'g.png' } };
    const lum = 0.2126 * 0.2 - 0.0722 * 0.2;
    expect(blendDifference(grey, region, rgb, 2, 2, 0, 3).data[1 * 6 + 2]).toBe(Math.round(100 + lum * 255));
  });

  it('feathers smoothly from 0 at the border to 1 inside', () => {
    expect(featherWeight(0, 10, 20, 20, 4)).toBeGreaterThan(0);
    expect(featherWeight(0, 10, 20, 20, 4)).toBeLessThan(0.1);
    expect(featherWeight(10, 10, 20, 20, 4)).toBe(1);
    expect(featherWeight(0, 0, 20, 20, 0)).toBe(1);
  });
});
