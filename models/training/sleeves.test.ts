import { describe, expect, it } from 'vitest';
import { longSleeveThreshold, sleeveCoverage, sleevesAttribute } from './sleeves';

const SIDE = 32;

/** A 32 × 32 image in [0, 1], bright where `on(x, y)` holds in the 28 × 28 product frame. */
function image(on: (x: number, y: number) => boolean): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < 28; y += 1) for (let x = 0; x < 28; x += 1) if (on(x, y)) out[(y + 2) * SIDE + x + 2] = 1;
  return out;
}

describe('sleeves', () => {
  it('coverage reads the lower outer strips: long sleeves 1, a short-sleeved body 0', () => {
    const longSleeved = image((x, y) => y >= 4 && (x <= 6 || x >= 21 || (x >= 8 && x <= 19)));
    const shortSleeved = image((x, y) => (y >= 4 && x >= 8 && x <= 19) || (y >= 4 && y <= 10 && x >= 2 && x <= 25));
    expect(sleeveCoverage((k) => longSleeved[k]!)).toBe(1);
    expect(sleeveCoverage((k) => shortSleeved[k]!)).toBe(0);
    // Half the strips' rows lit: half the coverage.
    const half = image((x, y) => y >= 20 && (x <= 6 || x >= 21));
    expect(sleeveCoverage((k) => half[k]!)).toBe(0.5);
  });

  it('the vector is half the difference of the mean codes of the most and least covered fifths of the tops', () => {
    // Ten tops (labels 0, 2, 4, 6) with coverage i/10 and code [i, 1]; two trousers (label 1) that must not count.
    const labels = [0, 2, 4, 6, 0, 2, 4, 6, 0, 2, 1, 1];
    const coverage = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1];
    const codes = new Float32Array(coverage.flatMap((_, i) => [i, 1]));
    const attr = sleevesAttribute(codes, 2, coverage, labels, 'encoder');
    // Fifths of 10 tops: rows 0–1 (codes 0, 1) and rows 8–9 (codes 8, 9): (8.5 − 0.5) / 2 = 4.
    expect(attr.vector).toEqual([4, 0]);
    expect(attr.provenance).toMatchObject({ method: 'encoder', positives: 2, negatives: 2 });
  });

  it('long sleeves start at the 25th percentile of the pullovers', () => {
    const labels = [2, 2, 2, 2, 2, 0];
    expect(longSleeveThreshold([0.5, 0.1, 0.3, 0.2, 0.4, 0], labels)).toBe(0.2);
    expect(() => longSleeveThreshold([0.1], [0])).toThrow(/pullovers/);
  });
});
