import { describe, expect, it } from 'vitest';
import { Rng } from '../training/rng.js';
import { psnr, ssim, type Plane } from './image-quality.js';

const plane = (f: (i: number) => number, w = 28, h = 28): Plane => ({ data: Float64Array.from({ length: w * h }, (_, i) => f(i)), width: w, height: h });

describe('image quality', () => {
  const rng = new Rng(9);
  const img = plane(() => rng.uniform());

  it('identical images: PSNR ∞, SSIM 1', () => {
    expect(psnr(img, img)).toBe(Infinity);
    expect(ssim(img, img)).toBeCloseTo(1, 12);
  });

  it('PSNR of a constant offset d is -20·log10(d)', () => {
    const shifted = plane((i) => img.data[i]! + 0.1);
    expect(psnr(img, shifted)).toBeCloseTo(20, 9);
  });

  it('SSIM falls with noise and stays in (-1, 1]', () => {
    const noisy = (s: number): Plane => plane((i) => img.data[i]! + s * rng.normal());
    const a = ssim(img, noisy(0.05));
    const b = ssim(img, noisy(0.3));
    expect(a).toBeLessThan(1);
    expect(b).toBeLessThan(a);
    expect(b).toBeGreaterThan(-1);
  });
});
