/**
 * Fréchet distance between two Gaussians fitted to feature sets (FID when the
 * features come from an Inception net; here from our own classifier C):
 *   d² = |μ₁−μ₂|² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)
 * The symmetric form keeps every square root on a PSD matrix, so a symmetric
 * eigen-solver suffices (no general sqrtm needed).
 */
import { matmul, sqrtPsd, trace } from './linalg.js';

export interface Gaussian { mean: Float64Array; cov: Float64Array; dim: number }

/** Mean and unbiased covariance of `count` rows of length `dim`. */
export function fitGaussian(rows: Float32Array | Float64Array, count: number, dim: number): Gaussian {
  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++) for (let j = 0; j < dim; j++) mean[j] = mean[j]! + rows[r * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j] = mean[j]! / count;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < dim; j++) centred[j] = rows[r * dim + j]! - mean[j]!;
    for (let i = 0; i < dim; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      for (let j = i; j < dim; j++) cov[i * dim + j] = cov[i * dim + j]! + ci * centred[j]!;
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const v = cov[i * dim + j]! / Math.max(count - 1, 1);
      cov[i * dim + j] = v;
      cov[j * dim + i] = v;
    }
  }
  return { mean, cov, dim };
}

export function frechetDistance(a: Gaussian, b: Gaussian): number {
  if (a.dim !== b.dim) throw new Error('dimension mismatch');
  const n = a.dim;
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (a.mean[i]! - b.mean[i]!) ** 2;
  const rootA = sqrtPsd(a.cov, n);
  const inner = matmul(matmul(rootA, b.cov, n), rootA, n);
  // Re-symmetrise: round-off makes the product very slightly asymmetric.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (inner[i * n + j]! + inner[j * n + i]!) / 2;
      inner[i * n + j] = v;
      inner[j * n + i] = v;
    }
  }
  const cross = trace(sqrtPsd(inner, n), n);
  return Math.max(0, meanTerm + trace(a.cov, n) + trace(b.cov, n) - 2 * cross);
}
