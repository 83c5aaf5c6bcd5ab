import { describe, expect, it } from 'vitest';
import { cosineLr } from './adam';

describe('cosineLr', () => {
  it('decays from lr to lr/10 along a half cosine', () => {
    expect(cosineLr(0.5, 0, 11)).toBeCloseTo(0.5, 12);
    expect(cosineLr(0.5, 5, 11)).toBeCloseTo(0.5 * 0.55, 12);
    expect(cosineLr(0.5, 10, 11)).toBeCloseTo(0.05, 12);
  });

  it('ramps linearly over the warm-up, then follows the same decay', () => {
    const steps = 50;
    const warmup = 10;
    expect(cosineLr(0.4, 0, steps, warmup)).toBeCloseTo(cosineLr(0.4, 0, steps) / 10, 12);
    expect(cosineLr(0.4, 4, steps, warmup)).toBeCloseTo(cosineLr(0.4, 4, steps) / 2, 12);
    for (const step of [9, 20, 49]) expect(cosineLr(0.4, step, steps, warmup)).toBe(cosineLr(0.4, step, steps));
  });
});
