import { describe, expect, it } from 'vitest';
import type { Level } from './level';
import { Pacer } from './pacer';
import { poissonSolve, poissonSystem } from './poisson';
import { holeList } from './vote';

const pacer = new Pacer(new AbortController().signal);

/** A smooth two-channel field whose 5-point Laplacian is not constant, so the solver has work to do. */
function truth(x: number, y: number, k: number): number {
  return 40 + 0.6 * x * x - 0.35 * x * y + 0.8 * y * y + 0.02 * x * x * y + 25 * k;
}

/**
 * A 14×11 region whose hole is an interior box joined to a strip along the right edge,
 * so some unknowns have only three neighbours. Known pixels hold the truth, the hole
 * starts at zero, and `lap` is the truth's Laplacian over in-region neighbours: the
 * exact solution of the discrete problem is then the truth itself.
 */
function problem(): { level: Level; holes: Int32Array; lap: Float32Array; colour: Float32Array; expected: Float32Array } {
  const [w, h, c] = [14, 11, 2];
  const hole = new Uint8Array(w * h);
  for (let y = 2; y < 9; y++) for (let x = 3; x < w; x++) if (x < 9 || (y >= 4 && y < 7)) hole[y * w + x] = 1;
  const expected = new Float32Array(w * h * c);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) expected[(y * w + x) * c + k] = truth(x, y, k);
  const img = expected.map((v, i) => (hole[Math.floor(i / c)] === 0 ? v : 0));
  const lap = new Float32Array(w * h * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < c; k++) {
        let l = 0;
        for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as const) {
          if (nx >= 0 && ny >= 0 && nx < w && ny < h) l += truth(x, y, k) - truth(nx, ny, k);
        }
        lap[(y * w + x) * c + k] = l;
      }
    }
  }
  return { level: { w, h, c, img, hole }, holes: holeList(hole), lap, colour: expected.slice(), expected };
}

function maxError(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('poissonSolve', () => {
  // Within a hundredth of a grey level: the solver stops once the residual is that small.
  it('converges to the exact solution of a small Dirichlet problem (λ = 0), touching the region edge', async () => {
    const { level, holes, lap, colour, expected } = problem();
    const before = level.img.slice();
    await poissonSolve(level, holes, lap, colour, 0, 500, pacer);
    expect(maxError(level.img, expected)).toBeLessThan(0.01);
    // Known pixels are the boundary: never written.
    for (let p = 0; p < level.w * level.h; p++) {
      if (level.hole[p] === 0) for (let k = 0; k < level.c; k++) expect(level.img[p * level.c + k]).toBe(before[p * level.c + k]);
    }
  });

  it('is not done after one iteration, so the check above measures convergence', async () => {
    const { level, holes, lap, colour, expected } = problem();
    await poissonSolve(level, holes, lap, colour, 0, 1, pacer);
    expect(maxError(level.img, expected)).toBeGreaterThan(1);
  });

  it('keeps the exact solution with screening when the colour guide agrees, and a prebuilt system gives the same answer', async () => {
    const a = problem();
    await poissonSolve(a.level, a.holes, a.lap, a.colour, 0.15, 500, pacer);
    expect(maxError(a.level.img, a.expected)).toBeLessThan(0.01);
    const b = problem();
    await poissonSolve(b.level, b.holes, b.lap, b.colour, 0.15, 500, pacer, poissonSystem(b.level, b.holes));
    expect(b.level.img).toEqual(a.level.img);
  });

  it('pulls towards the colour guide as screening grows', async () => {
    const gap = async (lambda: number): Promise<number> => {
      const { level, holes, colour } = problem();
      const flat = colour.map(() => 100);
      await poissonSolve(level, holes, new Float32Array(colour.length), flat, lambda, 500, pacer);
      let sum = 0;
      for (const q of holes) sum += Math.abs(level.img[q * level.c]! - 100);
      return sum / holes.length;
    };
    const [weak, strong] = [await gap(0.01), await gap(10)];
    expect(strong).toBeLessThan(weak / 5);
  });
});
