import { describe, expect, it } from 'vitest';
import { EtaEstimator } from './eta';

/** Feeds (seconds, fraction) reports through a fake clock and returns each estimate. */
function run(reports: Array<[number, number]>): Array<number | undefined> {
  let now = 0;
  const eta = new EtaEstimator(() => now * 1000);
  eta.start();
  return reports.map(([t, f]) => {
    now = t;
    return eta.update(f);
  });
}

describe('EtaEstimator', () => {
  it('leaves out the setup before the work moves: a fill whose decode took 2.4 s, then 1 s of work', () => {
    // 0 → 0.02 in 2.4 s (decoding the photo and its mask), then 0.02 → 1 in 1 s.
    const reports: Array<[number, number]> = [[0, 0], [2.4, 0.02]];
    for (let k = 1; k <= 9; k += 1) reports.push([2.4 + k * 0.1, 0.02 + k * 0.098]);
    const estimates = run(reports);
    const first = estimates.find((e) => e !== undefined);
    // Measured from the start, setup included, the first guess was 2.5 s × 0.88 / 0.12 ≈ 19 s.
    expect(first).toBeDefined();
    expect(first!).toBeLessThan(1);
    expect(estimates.at(-1)!).toBeLessThanOrEqual(0.3);
  });

  it('estimates a steady job from its rate, says nothing before there is evidence, and 0 when done', () => {
    const estimates = run([[0, 0], [0.1, 0.01], [1, 0.1], [2, 0.2], [4, 0.4], [10, 1]]);
    expect(estimates.slice(0, 2)).toEqual([undefined, undefined]);
    // 10 % per second: from 20 % done, 8 s are left (the first guess, 9 s, is smoothed in).
    expect(estimates[3]!).toBeGreaterThan(7);
    expect(estimates[3]!).toBeLessThan(9.5);
    expect(estimates.at(-1)).toBe(0);
  });
});
