import { describe, expect, it } from 'vitest';
import { Rng } from '../training/rng.js';
import { fitGaussian, frechetDistance, type Gaussian } from './frechet.js';
import { cosineSimilarity, matmul, sqrtPsd, symmetricEigen } from './linalg.js';

function randomSpd(n: number, rng: Rng): Float64Array {
  const b = Float64Array.from({ length: n * n }, () => rng.normal());
  const bt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bt[j * n + i] = b[i * n + j] ?? 0;
  const a = matmul(b, bt, n);
  for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! + 0.1;
  return a;
}

describe('linalg', () => {
  it('Jacobi eigen-decomposition reconstructs A = V Λ Vᵀ', () => {
    const n = 12;
    const a = randomSpd(n, new Rng(3));
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
        expect(s).toBeCloseTo(a[i * n + j]!, 9);
      }
    }
  });

  it('sqrtPsd squares back to the matrix', () => {
    const n = 20;
    const a = randomSpd(n, new Rng(4));
    const r = sqrtPsd(a, n);
    const rr = matmul(r, r, n);
    for (let i = 0; i < n * n; i++) expect(rr[i]!).toBeCloseTo(a[i]!, 8);
  });

  it('cosineSimilarity ignores length and sign tells the way', () => {
    expect(cosineSimilarity([1, 2, 2], [2, 4, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 2, 2], [-0.5, -1, -1])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 12);
  });
});

describe('frechetDistance', () => {
  it('is ≈ 0 for identical sets', () => {
    const rng = new Rng(5);
    const dim = 8;
    const rows = Float64Array.from({ length: 500 * dim }, () => rng.normal());
    const g = fitGaussian(rows, 500, dim);
    expect(frechetDistance(g, g)).toBeLessThan(1e-8);
  });

  it('matches the closed form for shifted, scaled diagonal Gaussians', () => {
    // N(0, I) vs N(μ, s²I): d² = |μ|² + n(1 − s)².
    const n = 6;
    const eye = (v: number): Float64Array => { const m = new Float64Array(n * n); for (let i = 0; i < n; i++) m[i * n + i] = v; return m; };
    const mu = Float64Array.from({ length: n }, (_, i) => i * 0.5);
    const a: Gaussian = { mean: new Float64Array(n), cov: eye(1), dim: n };
    const b: Gaussian = { mean: mu, cov: eye(4), dim: n };
    const expected = mu.reduce((s, m) => s + m * m, 0) + n * (1 - 2) ** 2;
    expect(frechetDistance(a, b)).toBeCloseTo(expected, 9);
  });

  it('matches the closed form for commuting full covariances and sampled shifted Gaussians', () => {
    const n = 5;
    const rng = new Rng(6);
    const cov = randomSpd(n, rng);
    const shift = Float64Array.from({ length: n }, () => rng.normal());
    const a: Gaussian = { mean: new Float64Array(n), cov, dim: n };
    const b: Gaussian = { mean: shift, cov: Float64Array.from(cov), dim: n };
    // Same covariance: only the mean term remains.
    expect(frechetDistance(a, b)).toBeCloseTo(shift.reduce((s, m) => s + m * m, 0), 7);
    // Sampled: 20k draws of N(0,I) and N(1,I) in 4-D → d² ≈ 4 within sampling noise.
    const rows = (off: number): Float64Array => Float64Array.from({ length: 20000 * 4 }, () => rng.normal() + off);
    const d = frechetDistance(fitGaussian(rows(0), 20000, 4), fitGaussian(rows(1), 20000, 4));
    expect(d).toBeGreaterThan(3.9);
    expect(d).toBeLessThan(4.1);
  });
});
