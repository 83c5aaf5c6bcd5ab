import { describe, expect, it } from 'vitest';
import { attributesFromSliders, clampAlpha, isNeutral } from './attributes';

describe('slider → attributes map', () => {
  it('clamps to [-3, 3] and snaps to 0.1', () => {
    expect(clampAlpha(0.1 + 0.2)).toBe(0.3);
    expect(clampAlpha(7)).toBe(3);
    expect(clampAlpha(-3.04)).toBe(-3);
    expect(clampAlpha(Number.NaN)).toBe(0);
    expect(Object.is(clampAlpha(-0.01), 0)).toBe(true);
  });

  it('keeps every moved slider and drops the neutral ones', () => {
    expect(attributesFromSliders({ smile: 1.25, boots: 0, dark: -2.96, wild: 9 })).toEqual({ smile: 1.3, dark: -3, wild: 3 });
    expect(isNeutral({ a: 0, b: 0.01 })).toBe(true);
    expect(isNeutral({ a: 0.1 })).toBe(false);
  });
});
