import { describe, expect, it } from 'vitest';
import { type Pixels, psnr, ssim } from './image-metrics';

function image(width: number, height: number, f: (x: number, y: number) => number): Pixels {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { width, height, channels: 1, data };
}

describe('image metrics', () => {
  const a = image(32, 32, (x, y) => ((x * 7 + y * 13) % 50) + 100);

  it('psnr: Infinity when equal, 20·log10(255/e) for a constant error e', () => {
    expect(psnr(a, a)).toBe(Infinity);
    const b = image(32, 32, (x, y) => a.data[y * 32 + x]! + 5);
    expect(psnr(a, b)).toBeCloseTo(20 * Math.log10(255 / 5), 6);
  });

  it('ssim: 1 when equal, lower for noise, and the mask restricts it', () => {
    expect(ssim(a, a)).toBeCloseTo(1, 10);
    const noisy = image(32, 32, (x, y) => a.data[y * 32 + x]! + (((x * 31 + y * 17) % 7) - 3) * 6);
    const value = ssim(a, noisy);
    expect(value).toBeLessThan(0.9);
    expect(value).toBeGreaterThan(0);
    const mask = new Uint8Array(32 * 32);
    mask.fill(1, 0, 32 * 4);
    const partly = image(32, 32, (x, y) => (y >= 16 ? 0 : a.data[y * 32 + x]!));
    expect(ssim(a, partly, { mask })).toBeCloseTo(1, 6);
    expect(psnr(a, partly, { mask })).toBe(Infinity);
  });

  it('ssim matches the reference value for a mean shift (structure kept, luminance term only)', () => {
    const flat = image(16, 16, () => 100);
    const shifted = image(16, 16, () => 120);
    const c1 = (0.01 * 255) ** 2;
    expect(ssim(flat, shifted)).toBeCloseTo((2 * 100 * 120 + c1) / (100 ** 2 + 120 ** 2 + c1), 6);
  });

  it('rejects images of different shapes', () => {
    expect(() => psnr(a, image(16, 32, () => 0))).toThrow(/differ in shape/);
  });
});
