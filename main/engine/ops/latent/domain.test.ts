import { describe, expect, it } from 'vitest';
import type { RasterImage } from '../../io/raster';
import { domainDeltaToRegion, mappingFor, photoToDomain, photoToDomainPoint } from './domain';
import type { LatentDomain } from './family';
import { colourLuminance, rasteriseStrokes } from './strokes';

const domain: LatentDomain = { width: 32, height: 32, channels: 1, range: [-1, 1], sourceSize: [28, 28], pad: 2, background: 'dark' };

/** A product shot: a grey square on a white (or black) background. */
function photo(width: number, height: number, background: number): RasterImage {
  const data = new Uint8Array(width * height * 3).fill(background);
  for (let y = Math.floor(height / 4); y < (3 * height) / 4; y += 1) {
    for (let x = Math.floor(width / 4); x < (3 * width) / 4; x += 1) data.fill(100, (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  return { width, height, channels: 3, bitDepth: 8, data, metadata: { name: 'p.png' } };
}

describe('domain mapping', () => {
  it('inverts a product on white (light-on-black domain) and keeps a dark background as is', () => {
    const white = photoToDomain(photo(56, 56, 255), { x: 0, y: 0, width: 56, height: 56 }, domain);
    expect(white.mapping.polarity).toBe('inverted');
    expect(white.values[0]).toBe(-1); // padding is the black background
    expect(white.values[5 * 32 + 5]).toBeCloseTo(-1, 5); // white → black after inversion
    expect(white.values[16 * 32 + 16]).toBeCloseTo(1 - (2 * 100) / 255, 4);
    expect(photoToDomain(photo(56, 56, 0), { x: 0, y: 0, width: 56, height: 56 }, domain).mapping.polarity).toBe('normal');
  });

  it("follows the family's background: a light-background family keeps a product on white and inverts one on black", () => {
    const light: LatentDomain = { ...domain, background: 'light' };
    const whole = { x: 0, y: 0, width: 56, height: 56 };
    expect(photoToDomain(photo(56, 56, 255), whole, light).mapping.polarity).toBe('normal');
    expect(photoToDomain(photo(56, 56, 0), whole, light).mapping.polarity).toBe('inverted');
    expect(photoToDomain(photo(56, 56, 0), whole, light, 'normal').mapping.polarity).toBe('normal');
  });

  it('keeps the aspect ratio and centres the region inside the padding', () => {
    const m = mappingFor({ x: 10, y: 20, width: 50, height: 100 }, 'normal', domain);
    expect(m.inner.height).toBeCloseTo(28);
    expect(m.inner.width).toBeCloseTo(14);
    expect(m.inner.x).toBeCloseTo(9);
    const [a, b] = [photoToDomainPoint(m, 10, 20), photoToDomainPoint(m, 60, 120)];
    expect([a.x, a.y, b.x, b.y].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([9, 2, 23, 30]);
  });

  it('maps a generator difference back in intensity units, with the polarity undone', () => {
    const delta = new Float32Array(32 * 32).fill(0.5);
    const region = { x: 0, y: 0, width: 28, height: 28 };
    const normal = domainDeltaToRegion(delta, mappingFor(region, 'normal', domain));
    const inverted = domainDeltaToRegion(delta, mappingFor(region, 'inverted', domain));
    expect(normal.width).toBe(56);
    expect(normal.delta.every((v) => Math.abs(v - 0.25) < 1e-6)).toBe(true);
    expect(inverted.delta.every((v) => Math.abs(v + 0.25) < 1e-6)).toBe(true);
  });

  it('rasterises strokes at generator resolution; erase removes earlier constraints', () => {
    const m = mappingFor({ x: 0, y: 0, width: 280, height: 280 }, 'inverted', domain);
    const masks = rasteriseStrokes(
      [
        { kind: 'colour', colour: '#ffffff', size: 10, points: [{ x: 0, y: 140 }, { x: 279, y: 140 }] },
        { kind: 'erase', size: 40, points: [{ x: 140, y: 140 }] },
        { kind: 'sketch', size: 10, points: [{ x: 140, y: 0 }, { x: 140, y: 279 }] },
      ],
      m,
    );
    expect(masks.colourMask[16 * 32 + 4]).toBe(1);
    expect(masks.colourTarget[16 * 32 + 4]).toBeCloseTo(-1); // white on an inverted photo is black in the domain
    expect(masks.colourMask[16 * 32 + 15]).toBe(0); // erased
    expect(masks.sketchMask[5 * 32 + 15]).toBe(1);
    expect(masks.colourMask[2 * 32 + 2]).toBe(0);
    expect(colourLuminance('#ffffff')).toBeCloseTo(1);
  });

  describe('a colour (RGB) family', () => {
    const rgbDomain: LatentDomain = { ...domain, channels: 3 };
    /** A red square (200, 40, 10) on black. */
    const redSquare = (): RasterImage => {
      const data = new Uint8Array(56 * 56 * 3);
      for (let y = 14; y < 42; y += 1) for (let x = 14; x < 42; x += 1) data.set([200, 40, 10], (y * 56 + x) * 3);
      return { width: 56, height: 56, channels: 3, bitDepth: 8, data, metadata: { name: 'red.png' } };
    };

    it('maps the region with its colours (a grey photo gives three equal channels)', () => {
      const { values, mapping } = photoToDomain(redSquare(), { x: 0, y: 0, width: 56, height: 56 }, rgbDomain);
      expect(mapping.polarity).toBe('normal');
      expect(values).toHaveLength(32 * 32 * 3);
      const centre = (16 * 32 + 16) * 3;
      expect(Array.from(values.subarray(centre, centre + 3)).map((v) => Math.round(((v + 1) / 2) * 255))).toEqual([200, 40, 10]);
      expect(Array.from(values.subarray(0, 3))).toEqual([-1, -1, -1]);
      const grey = photoToDomain(photo(56, 56, 0), { x: 0, y: 0, width: 56, height: 56 }, rgbDomain).values;
      expect(grey[centre]).toBeCloseTo((2 * 100) / 255 - 1, 5);
      expect([grey[centre + 1], grey[centre + 2]]).toEqual([grey[centre], grey[centre]]);
    });

    it('maps a colour generator difference back per channel', () => {
      const delta = new Float32Array(32 * 32 * 3);
      for (let p = 0; p < 32 * 32; p += 1) delta.set([0.5, 0, -1], p * 3);
      const back = domainDeltaToRegion(delta, mappingFor({ x: 0, y: 0, width: 28, height: 28 }, 'normal', rgbDomain));
      expect(back.channels).toBe(3);
      expect(back.delta).toHaveLength(back.width * back.height * 3);
      expect(Array.from(back.delta.subarray(30, 33))).toEqual([0.25, 0, -0.5]);
    });

    it('inverts a product on white by its luminance only: the hue survives both ways', () => {
      // A brick-red square on white: the background becomes black, the red stays red (lighter).
      const data = new Uint8Array(56 * 56 * 3).fill(255);
      for (let y = 14; y < 42; y += 1) for (let x = 14; x < 42; x += 1) data.set([150, 60, 40], (y * 56 + x) * 3);
      const photo: RasterImage = { width: 56, height: 56, channels: 3, bitDepth: 8, data, metadata: { name: 'red-on-white.png' } };
      const { values, mapping } = photoToDomain(photo, { x: 0, y: 0, width: 56, height: 56 }, rgbDomain);
      expect(mapping.polarity).toBe('inverted');
      expect(Array.from(values.subarray((3 * 32 + 3) * 3, (3 * 32 + 3) * 3 + 3))).toEqual([-1, -1, -1]);
      const [r, g, b] = Array.from(values.subarray((16 * 32 + 16) * 3, (16 * 32 + 16) * 3 + 3), (v) => (v + 1) / 2);
      expect(r! - g!).toBeCloseTo((150 - 60) / 255, 5); // chroma kept exactly (this colour stays inside the cube)
      expect(0.2126 * r! + 0.7152 * g! + 0.0722 * b!).toBeCloseTo(1 - (0.2126 * 150 + 0.7152 * 60 + 0.0722 * 40) / 255, 5); // luminance flipped
      // Back out: "more red" in the domain is more red in the photo (and darker), not cyan.
      const delta = new Float32Array(32 * 32 * 3);
      for (let p = 0; p < 32 * 32; p += 1) delta[p * 3] = 0.5;
      const back = domainDeltaToRegion(delta, mapping);
      const [dr, dg, db] = Array.from(back.delta.subarray(30, 33));
      expect(dr!).toBeGreaterThan(0);
      expect(dr! - dg!).toBeCloseTo(0.25, 6);
      expect(dg!).toBeCloseTo(db!, 6);
      expect(0.2126 * dr! + 0.7152 * dg! + 0.0722 * db!).toBeCloseTo(-0.2126 * 0.25, 6);
    });

    it("asks for a stroke's own colour, not its luminance", () => {
      const m = mappingFor({ x: 0, y: 0, width: 280, height: 280 }, 'normal', rgbDomain);
      const masks = rasteriseStrokes([{ kind: 'colour', colour: '#ff0000', size: 20, points: [{ x: 0, y: 140 }, { x: 279, y: 140 }] }], m);
      expect(masks.colourTarget).toHaveLength(32 * 32 * 3);
      const p = (16 * 32 + 10) * 3;
      expect(masks.colourMask[16 * 32 + 10]).toBe(1);
      expect(Array.from(masks.colourTarget.subarray(p, p + 3))).toEqual([1, -1, -1]);
    });
  });
});
